import { userInfo } from "node:os";

/** Who ran a server-side command, for its audit event; "unknown" where the system cannot say. */
export function operatingSystemUser(): string {
  try {
    return userInfo().username;
  } catch {
    return "unknown";
  }
}
