/** A value of an audit event's before or after, as a person reads it. */
export function shownValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(shownValue).join(", ") || "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export type ChangeLine = { field: string; before: string | null; after: string };

/**
 * Each field an audit event changed, with its value before (null when the event has none, as
 * for a creation) and after: what the case page's history, the audit log and the PDF dossier show.
 */
export function changeLines(before: unknown, after: unknown): ChangeLine[] {
  const b = (before && typeof before === "object" && !Array.isArray(before) ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" && !Array.isArray(after) ? after : {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].map((field) => ({ field, before: field in b ? shownValue(b[field]) : null, after: shownValue(a[field]) }));
}
