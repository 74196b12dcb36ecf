import { textKey } from "./text-key";

/**
 * Maps the distinct values of an enumerated column (statuses, regions, operations, written as an
 * office writes them) to Zhusan's codes. A value matches a code when it is the code itself or one
 * of its labels (in any language), compared by `textKey`. A value that matches no code, or more
 * than one, is left for the person importing to map: a guess here would file a person under the
 * wrong status or region.
 */
export type ChoiceOption = { code: string; labels: readonly string[] };
export type ChoiceMatch = { matched: { value: string; code: string }[]; unmatched: string[] };

function codesByKey(options: readonly ChoiceOption[]): Map<string, Set<string>> {
  const byKey = new Map<string, Set<string>>();
  for (const option of options) {
    for (const spelling of [option.code, ...option.labels]) {
      const key = textKey(spelling.replaceAll("_", " "));
      if (key === "") continue;
      const codes = byKey.get(key) ?? new Set<string>();
      codes.add(option.code);
      byKey.set(key, codes);
    }
  }
  return byKey;
}

/** Each distinct value once, by `textKey`, in the order first seen and as first written; empty values are left out. */
export function matchChoices(values: Iterable<string>, options: readonly ChoiceOption[]): ChoiceMatch {
  const byKey = codesByKey(options);
  const seen = new Set<string>();
  const result: ChoiceMatch = { matched: [], unmatched: [] };
  for (const raw of values) {
    const value = raw.trim();
    const key = textKey(value.replaceAll("_", " "));
    if (key === "" || seen.has(key)) continue;
    seen.add(key);
    const codes = byKey.get(key);
    const [code] = codes ?? [];
    if (codes?.size === 1 && code !== undefined) result.matched.push({ value, code });
    else result.unmatched.push(value);
  }
  return result;
}

/** Where a value matches no code, or more than one. */
export type ChoiceMiss = "unknownChoice" | "ambiguousChoice";

/** One value at a time, against options read once: the code it names, or why it names none. */
export function choiceMatcher(options: readonly ChoiceOption[]): (value: string) => { code: string } | { miss: ChoiceMiss } {
  const byKey = codesByKey(options);
  return (value) => {
    const codes = byKey.get(textKey(value.trim().replaceAll("_", " ")));
    const [code] = codes ?? [];
    if (codes?.size === 1 && code !== undefined) return { code };
    return { miss: codes && codes.size > 1 ? "ambiguousChoice" : "unknownChoice" };
  };
}
