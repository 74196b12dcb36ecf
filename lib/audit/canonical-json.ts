/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation.
 * Object members are sorted by their names' UTF-16 code units, which is what
 * Array.prototype.sort compares by default; strings and numbers use ECMAScript's
 * JSON serialisation, which is exactly what JCS prescribes for them.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    // JCS has no representation for these; refusing is safer than hashing something unverifiable.
    if (!Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(",")}}`;
}
