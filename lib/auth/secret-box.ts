import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Seals small secrets kept in the database (TOTP keys), so a copy of the database alone does not
 * hand out everyone's second factor. The key is derived from NEXTAUTH_SECRET, which lives only in
 * the environment; rotating that secret means users enrol their authenticator again.
 */
const VERSION = "v1";

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "zhusan", "totp-secret-v1", 32));
}

export function seal(plain: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

/** The sealed text, or null when it was not sealed with this secret or was altered. */
export function open(sealed: string, secret: string): string | null {
  const [version, payload] = sealed.split(":");
  if (version !== VERSION || !payload) return null;
  const raw = Buffer.from(payload, "base64");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
