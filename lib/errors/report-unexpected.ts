import { randomBytes } from "node:crypto";

/**
 * Logs an error nobody foresaw under a short reference and returns that reference, which is all
 * the user sees: messages of unexpected errors may carry data and never reach the browser.
 */
export function reportUnexpected(error: unknown, where: string): string {
  const ref = randomBytes(4).toString("hex");
  console.error(`[zhusan] unexpected error ${ref} in ${where}:`, error);
  return ref;
}
