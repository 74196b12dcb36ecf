import { describe, expect, it } from "vitest";
import { chunkedWrite } from "./chunked-write";

describe("chunkedWrite", () => {
  it("passes on every piece as UTF-8, in order, in few chunks", async () => {
    const chunks: Uint8Array[] = [];
    const { write, flush } = chunkedWrite(async (chunk) => void chunks.push(chunk));
    // Cyrillic, and a character outside the basic plane (a surrogate pair in UTF-16).
    const line = `${"ж".repeat(98)}𝄞\n`;
    for (let i = 0; i < 2000; i++) await write(line);
    await write(Uint8Array.of(0xc3, 0xa9));
    await write("tail");
    expect(chunks.length).toBeLessThan(10);
    await flush();
    expect(Buffer.concat(chunks).toString("utf8")).toBe(`${line.repeat(2000)}étail`);
    expect(chunks.every((chunk) => chunk.byteLength <= 64 * 1024)).toBe(true);
  });

  it("passes a piece larger than a chunk on whole, after what came before it", async () => {
    const chunks: Uint8Array[] = [];
    const { write, flush } = chunkedWrite(async (chunk) => void chunks.push(chunk));
    const large = "я".repeat(40_000);
    await write("head,");
    await write(large);
    await write(new Uint8Array(70_000).fill(0x61));
    await flush();
    expect(chunks.map((chunk) => chunk.byteLength)).toEqual([5, 80_000, 70_000]);
    expect(Buffer.concat(chunks).toString("utf8")).toBe(`head,${large}${"a".repeat(70_000)}`);
  });

  it("writes nothing when flushed empty", async () => {
    const chunks: Uint8Array[] = [];
    const { flush } = chunkedWrite(async (chunk) => void chunks.push(chunk));
    await flush();
    expect(chunks).toEqual([]);
  });
});
