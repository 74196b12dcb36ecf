/**
 * Settings that only matter once several app servers share one database, checked by `npm start`
 * before it serves. Each returns a one-line problem, or null.
 */

/** AES key sizes Next.js accepts for NEXT_SERVER_ACTIONS_ENCRYPTION_KEY, in bytes. */
const AES_KEY_BYTES = [16, 24, 32];

/** True when the key is base64 of 16, 24 or 32 bytes, as Next.js imports it for AES-GCM. */
export function isActionKeyWellFormed(key: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key) || key.length % 4 !== 0) return false;
  return AES_KEY_BYTES.includes(Buffer.from(key, "base64").length);
}

export type DeploymentSettings = {
  DATABASE_URL?: string;
  NODE_ENV?: string;
  ZHUSAN_NO_BUILD?: string;
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY?: string;
};

/** A deployment, as opposed to one person's machine: its own database, served as production. */
export function isDeployment(settings: DeploymentSettings): boolean {
  return Boolean(settings.DATABASE_URL) && (settings.NODE_ENV === "production" || settings.ZHUSAN_NO_BUILD === "1");
}

/** A malformed key would make every server action fail at its first call, so it stops the start. */
export function actionKeyError(settings: DeploymentSettings): string | null {
  const key = settings.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY;
  if (!key || isActionKeyWellFormed(key)) return null;
  return "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be base64 of a 16, 24 or 32-byte key, e.g. from `openssl rand -base64 32`";
}

/**
 * Missing in a deployment is a warning, not a refusal: servers running one copied build share the
 * key generated into it, so actions work; they fail only across servers built separately.
 */
export function actionKeyWarning(settings: DeploymentSettings): string | null {
  if (!isDeployment(settings) || settings.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) return null;
  return "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is not set: server actions work only on servers running this very build; set it, the same on every server, before `npm run build`";
}
