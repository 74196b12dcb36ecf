import iconv from "iconv-lite";
import type { TextEncoding } from "./sheet";

/**
 * Turns a CSV's bytes into text. Offices save CSV either as UTF-8 (Excel adds a byte-order mark)
 * or as Windows-1251, the Cyrillic code page of Russian-language Windows. Windows-1251 gives
 * every byte a meaning, so it cannot be recognised itself; UTF-8 can, because Cyrillic in
 * Windows-1251 is almost never valid UTF-8. Hence: strict UTF-8 first, Windows-1251 when that
 * fails, unless the person importing chose.
 */
export type DecodedText = { ok: true; text: string; encoding: TextEncoding } | { ok: false; code: "notUtf8" };

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeText(bytes: Uint8Array, chosen?: TextEncoding): DecodedText {
  if (chosen !== "windows-1251") {
    const text = strictUtf8(bytes);
    if (text !== null) return { ok: true, text, encoding: "utf-8" };
    if (chosen === "utf-8") return { ok: false, code: "notUtf8" };
  }
  return {
    ok: true,
    text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "win1251"),
    encoding: "windows-1251",
  };
}
