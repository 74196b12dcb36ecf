import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The signing secret for a machine with no NEXTAUTH_SECRET: generated once and kept beside the
 * embedded database (git-ignored, owner-only), so sessions survive a restart of `npm start`.
 * Several app servers behind a load balancer must share one NEXTAUTH_SECRET from the environment instead.
 */
export function loadOrCreateLocalSecret(file: string): string {
  if (existsSync(file)) {
    const stored = readFileSync(file, "utf8").trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
