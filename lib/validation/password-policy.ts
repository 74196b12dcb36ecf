import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * The password rules (issue 4, after NIST SP 800-63B): 12 to 128 characters of any kind, no
 * composition rules, and not a commonly used password. Characters are counted as code points,
 * so a Kazakh or Arabic passphrase is measured as its user sees it.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = "passwordTooShort" | "passwordTooLong" | "passwordCommon" | "passwordPersonal";

let common: Set<string> | undefined;

// The list ships inside an npm dependency: about 49,000 passwords seen in breaches, Latin and
// Russian-keyboard ones included. Short entries stay in: they are the cores of long ones.
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/**
 * A common password with digits or symbols glued on ("password12345!") is as guessable as the
 * password itself: attackers' rule sets try exactly those suffixes first.
 */
function coreOf(password: string): string {
  return password.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, "");
}

/** The first rule a new password breaks, or null; `personal` are the account's own e-mail and name. */
export function passwordProblem(password: string, personal: readonly string[] = []): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "passwordTooShort";
  if (length > PASSWORD_MAX_LENGTH) return "passwordTooLong";
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower) || list.has(coreOf(lower)) || new Set(lower).size <= 2) return "passwordCommon";
  const personalWords = personal.flatMap((p) => p.toLowerCase().split(/[\s@.]+/u)).filter((w) => w.length >= 4);
  if (personalWords.some((word) => coreOf(lower) === word || lower === word)) return "passwordPersonal";
  return null;
}
