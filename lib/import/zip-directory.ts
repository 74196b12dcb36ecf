import { inflateRawSync } from "node:zlib";

/**
 * Reads a ZIP's central directory, and unpacks each part with a hard bound on its size, before
 * the spreadsheet reader is given the file: that reader holds every part whole in memory and
 * checks a part's stated size only after unpacking it, so a small file that unpacks to
 * gigabytes, or lies about its sizes, would exhaust the server. ZIP64 and encrypted parts are
 * refused: no workbook within the file-size limit needs them.
 */

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};
export type ZipDirectory = { ok: true; entries: ZipEntry[] } | { ok: false; code: "unreadable" | "unpackedTooLarge" };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED = 0x1;
/** The end record is 22 bytes plus a comment of at most 65,535. */
const END_SEARCH = 22 + 0xffff;

function findEnd(view: DataView): number | null {
  const stop = Math.max(0, view.byteLength - END_SEARCH);
  for (let at = view.byteLength - 22; at >= stop; at--) if (view.getUint32(at, true) === END_OF_DIRECTORY) return at;
  return null;
}

/** The parts the directory lists, with their stated sizes; fails when it is damaged or uses ZIP64. */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number, maxUnpackedBytes: number): ZipDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 22) return { ok: false, code: "unreadable" };
  const end = findEnd(view);
  if (end === null) return { ok: false, code: "unreadable" };
  const count = view.getUint16(end + 10, true);
  const size = view.getUint32(end + 12, true);
  const offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) return { ok: false, code: "unreadable" };
  if (count > maxEntries) return { ok: false, code: "unpackedTooLarge" };
  if (offset + size > end) return { ok: false, code: "unreadable" };

  const entries: ZipEntry[] = [];
  let total = 0;
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) return { ok: false, code: "unreadable" };
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff)
      return { ok: false, code: "unreadable" };
    if (entry.flags & ENCRYPTED || (entry.method !== STORED && entry.method !== DEFLATED)) return { ok: false, code: "unreadable" };
    total += entry.uncompressedSize;
    if (total > maxUnpackedBytes) return { ok: false, code: "unpackedTooLarge" };
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return { ok: true, entries };
}

function entryData(bytes: Uint8Array, view: DataView, entry: ZipEntry): Uint8Array | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== LOCAL_HEADER) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.byteLength) return null;
  return bytes.subarray(start, start + entry.compressedSize);
}

function unpack(entry: ZipEntry, data: Uint8Array): Uint8Array | null {
  if (entry.method === STORED) return data;
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch {
    return null;
  }
}

/**
 * Unpacks every part, stopping any part at its stated size: a part that would unpack to more
 * than it states is refused rather than unpacked, so memory never exceeds the stated total
 * (already bounded by readZipDirectory) and at most one part is held at a time, handed to
 * `inspect` before the next is unpacked.
 */
export function checkUnpackedSizes(
  bytes: Uint8Array,
  entries: ZipEntry[],
  inspect: (entry: ZipEntry, unpacked: Uint8Array) => void = () => {},
): "ok" | "unreadable" {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const entry of entries) {
    const data = entryData(bytes, view, entry);
    const unpacked = data && unpack(entry, data);
    if (!unpacked || unpacked.byteLength !== entry.uncompressedSize) return "unreadable";
    inspect(entry, unpacked);
  }
  return "ok";
}
