import { describe, expect, it } from "vitest";
import { checkUnpackedSizes, readZipDirectory } from "./zip-directory";
import { buildZip } from "./zip-fixture";

const text = (value: string) => new Uint8Array(Buffer.from(value, "utf8"));
const parts = [
  { name: "a.xml", data: text("<a>".repeat(1000)) },
  { name: "b.xml", data: text("<b/>") },
];

/** The offset of the central directory, as the end record states it. */
function directoryOffset(zip: Uint8Array): number {
  return Buffer.from(zip).readUInt32LE(zip.byteLength - 22 + 16);
}

describe("readZipDirectory", () => {
  it("lists the parts with their stated sizes, and unpacking hands each part over whole", () => {
    const zip = buildZip(parts);
    const directory = readZipDirectory(zip, 10, 1_000_000);
    expect(directory.ok && directory.entries.map((e) => [e.name, e.uncompressedSize])).toEqual([
      ["a.xml", 3000],
      ["b.xml", 4],
    ]);
    const seen: string[] = [];
    expect(
      directory.ok &&
        checkUnpackedSizes(zip, directory.entries, (entry, unpacked) =>
          seen.push(`${entry.name}:${Buffer.from(unpacked).toString("utf8").slice(0, 6)}`),
        ),
    ).toBe("ok");
    expect(seen).toEqual(["a.xml:<a><a>", "b.xml:<b/>"]);
  });

  it.each([
    ["more parts than allowed", (zip: Uint8Array) => zip, 1, 1_000_000, "unpackedTooLarge"],
    ["stated sizes over the total allowed", (zip: Uint8Array) => zip, 10, 3003, "unpackedTooLarge"],
    [
      "an encrypted part",
      (zip: Uint8Array) => {
        const copy = Buffer.from(zip);
        copy.writeUInt16LE(1, directoryOffset(zip) + 8);
        return new Uint8Array(copy);
      },
      10,
      1_000_000,
      "unreadable",
    ],
    [
      "a ZIP64 directory",
      (zip: Uint8Array) => {
        const copy = Buffer.from(zip);
        copy.writeUInt16LE(0xffff, zip.byteLength - 22 + 10);
        return new Uint8Array(copy);
      },
      10,
      1_000_000,
      "unreadable",
    ],
    ["a file cut short", (zip: Uint8Array) => zip.subarray(0, zip.byteLength - 10), 10, 1_000_000, "unreadable"],
    ["bytes that are no ZIP", () => text("PK\u0003\u0004 and nothing else"), 10, 1_000_000, "unreadable"],
  ])("refuses %s", (_, damage, maxEntries, maxBytes, code) => {
    expect(readZipDirectory(damage(buildZip(parts)), maxEntries, maxBytes)).toEqual({ ok: false, code });
  });

  it("refuses, when unpacking, a part that unpacks to more than it states", () => {
    const zip = buildZip([{ name: "a.xml", data: new Uint8Array(1_000_000), statedSize: 10 }]);
    const directory = readZipDirectory(zip, 10, 1_000_000);
    expect(directory.ok && checkUnpackedSizes(zip, directory.entries)).toBe("unreadable");
  });
});
