import type { Refusal } from "./request-hygiene";

/**
 * The body of a server-action call, checked before Next decodes it. Next hands the body to React's
 * reply decoder, which throws on anything it cannot read (broken JSON, a reference to a part that
 * is not there, a root that is not a list of arguments), and an error thrown there is logged with
 * its stack and answered as a server error. So a body is let through only if it is written the way
 * this app's own pages write one:
 *   - `text/plain`: the arguments as one JSON list, in UTF-8;
 *   - `multipart/form-data`: the same list in the part named "0", after the parts it refers to,
 *     and any other numbered part a JSON value.
 * Inside the JSON a string starting with "$" is an instruction to the decoder. Only the ones these
 * pages produce pass: the escaped "$$", the special numbers and undefined, a date, a whole bigint,
 * a form's fields ("$K"), and a reference to an earlier part. The rest (server functions, promises,
 * blobs, streams, temporary references) are refused: a page of this app never sends them, and
 * each is a way into the decoder's less travelled paths.
 */

/** Far deeper than any argument list a form sends; bounds the walk and the decoder's recursion. */
export const MAX_ARGUMENT_DEPTH = 64;

const INVALID: Refusal = { status: 400, error: "invalid" };
const UNSUPPORTED: Refusal = { status: 415, error: "unsupportedType" };

const PLAIN_MARKERS = new Set(["$undefined", "$NaN", "$Infinity", "$-Infinity", "$-0"]);
const ROW_REFERENCE = /^\$([0-9a-f]+)$/;

type Part = { name: string; json: unknown };

/** Parts are listed in the order they arrived; a reference may only point to an earlier one. */
export async function actionReplyRefusal(contentType: string | null, body: Uint8Array<ArrayBuffer>): Promise<Refusal | null> {
  const type = (contentType ?? "").split(";", 1)[0]?.trim().toLowerCase();
  if (type === "text/plain") {
    const text = utf8(body);
    if (text === null) return INVALID;
    const root = parseJson(text);
    return root.ok && Array.isArray(root.value) && checkReferences([{ name: "0", json: root.value }]) ? null : INVALID;
  }
  if (type === "multipart/form-data") {
    const parts = await numberedParts(contentType ?? "", body);
    if (parts === null) return INVALID;
    if (!Array.isArray(parts.find((part) => part.name === "0")?.json)) return INVALID;
    return checkReferences(parts) ? null : INVALID;
  }
  return UNSUPPORTED;
}

function utf8(body: Uint8Array<ArrayBuffer>): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return null;
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** The numbered parts as parsed JSON, in arrival order; null when the form or any of them is unreadable. */
async function numberedParts(contentType: string, body: Uint8Array<ArrayBuffer>): Promise<Part[] | null> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return null;
  }
  const parts: Part[] = [];
  for (const [name, value] of form.entries()) {
    if (!/^\d+$/.test(name)) continue;
    if (typeof value !== "string") return null;
    const parsed = parseJson(value);
    if (!parsed.ok) return null;
    parts.push({ name, json: parsed.value });
  }
  return parts;
}

function checkReferences(parts: Part[]): boolean {
  const seen = new Set<string>();
  for (const part of parts) {
    if (!valuesAreReadable(part.json, seen)) return false;
    seen.add(part.name);
  }
  return true;
}

/** Walks without recursion, so a hostile nesting cannot exhaust the stack here. */
function valuesAreReadable(root: unknown, earlierParts: ReadonlySet<string>): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (typeof value === "string") {
      if (!markerIsReadable(value, earlierParts)) return false;
      continue;
    }
    if (value === null || typeof value !== "object") continue;
    if (depth >= MAX_ARGUMENT_DEPTH) return false;
    const children = Array.isArray(value) ? (value as unknown[]) : Object.values(value as Record<string, unknown>);
    for (const child of children) pending.push({ value: child, depth: depth + 1 });
  }
  return true;
}

function markerIsReadable(value: string, earlierParts: ReadonlySet<string>): boolean {
  if (!value.startsWith("$") || value.startsWith("$$") || PLAIN_MARKERS.has(value)) return true;
  const marker = value[1];
  if (marker === "D") return true;
  if (marker === "n") return /^\$n-?\d+$/.test(value);
  if (marker === "K") return /^\$K[0-9a-f]+$/.test(value);
  const reference = ROW_REFERENCE.exec(value);
  return reference?.[1] !== undefined && earlierParts.has(String(parseInt(reference[1], 16)));
}
