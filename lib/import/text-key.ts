/**
 * The form of a header or a choice under which spellings that mean the same compare equal: lower
 * case, «ё» as «е», punctuation as spaces, runs of spaces as one. Kazakh letters are kept: «ұ»
 * and «у» are different letters, and a file that drops them is matched by the synonyms instead.
 */
export function textKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/ё/gu, "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
