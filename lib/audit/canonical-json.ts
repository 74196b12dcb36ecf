/**
 * RFC 8785 (JSON Canonicalization Scheme) serialisation.
 * Object members are sorted by their names' UTF-16 code units, which is what
 * Array.prototype.sort compares by default; strings and numbers use ECMAScript's
 * JSON serialisation, which is exactly what JCS prescribes for them.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// Loops and string appends rather than map/filter/join: every exported event passes through here,
// and the intermediate arrays were most of an export's garbage.
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    // JCS has no representation for these; refusing is safer than hashing something unverifiable.
    if (!Number.isFinite(value)) throw new TypeError("canonicalJson: non-finite number");
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) out += (i === 0 ? "" : ",") + canonicalJson(value[i]!);
    return out + "]";
  }
  const keys = Object.keys(value).sort();
  let out = "{";
  for (const key of keys) {
    const member = value[key];
    if (member === undefined) continue;
    out += (out.length === 1 ? "" : ",") + JSON.stringify(key) + ":" + canonicalJson(member);
  }
  return out + "}";
}
