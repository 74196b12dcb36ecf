import type { JsonValue } from "./canonical-json";

type Values = Record<string, JsonValue>;

/** The fields that differ between two versions of a record, as an audit event's before and after. */
export function changedFields(before: Values, after: Values): { changed: string[]; before: Values; after: Values } {
  const changed = Object.keys(after).filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null));
  const pick = (values: Values) => Object.fromEntries(changed.map((key) => [key, values[key] ?? null]));
  return { changed, before: pick(before), after: pick(after) };
}
