import { env } from "../env";

/**
 * A state-changing or data-releasing POST must come from the app's own pages. Browsers send
 * Origin on every cross-site POST, so a missing or foreign Origin is refused: another site
 * cannot make a signed-in user's browser fetch an export.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  return origin === new URL(env().NEXTAUTH_URL).origin;
}
