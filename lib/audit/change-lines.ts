/** A value of an audit event's before or after, as a person reads it. */
export function shownValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(shownValue).join(", ") || "—";
  if (typeof value === "object") return JSON.stringify(value);
  return scalarText(value);
}

// What is left of a JSON value once null, arrays and objects are out is a string, a number or a
// boolean; JSON writes a number or a boolean exactly as String() does.
function scalarText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export type ChangeLine = { field: string; before: string | null; after: string };

/**
 * Words for an event's fields and coded values in the reader's language: "Status: Charged → On
 * trial" rather than "status: CHARGED → ON_TRIAL". The stored event keeps the codes; exports and
 * the audit log's full view show them as they are.
 */
export type ChangeVocabulary = {
  /** An event's action ("prosecution.status_changed") in words, or the action itself. */
  action: (action: string) => string;
  field: (name: string) => string;
  /** A coded value (an enum, a reference code or id, true or false) in words, or the value itself. */
  value: (field: string, value: string, action: string) => string;
  /** Fields that mean nothing to a reader (internal ids) and are left out. */
  hidden: (field: string, fields: ReadonlySet<string>) => boolean;
};

function wordsFor(value: unknown, field: string, action: string, vocabulary: ChangeVocabulary | undefined): string {
  if (!vocabulary || value === null || value === undefined) return shownValue(value);
  if (Array.isArray(value)) return value.map((v) => wordsFor(v, field, action, vocabulary)).join(", ") || "—";
  if (typeof value === "object") return JSON.stringify(value);
  return vocabulary.value(field, scalarText(value), action);
}

/**
 * Each field an audit event changed, with its value before (null when the event has none, as
 * for a creation) and after: what the case page's history, the audit log and the PDF dossier show,
 * in the reader's words when a vocabulary is given.
 */
export function changeLines(
  before: unknown,
  after: unknown,
  options: { action?: string; vocabulary?: ChangeVocabulary } = {},
): ChangeLine[] {
  const { action = "", vocabulary } = options;
  const b = (before && typeof before === "object" && !Array.isArray(before) ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" && !Array.isArray(after) ? after : {}) as Record<string, unknown>;
  const fields = new Set([...Object.keys(b), ...Object.keys(a)]);
  return [...fields]
    .filter((field) => !vocabulary?.hidden(field, fields))
    .map((field) => ({
      field: vocabulary ? vocabulary.field(field) : field,
      before: field in b ? wordsFor(b[field], field, action, vocabulary) : null,
      after: wordsFor(a[field], field, action, vocabulary),
    }));
}
