import { describe, expect, it } from "vitest";
import { chunkedWrite } from "./chunked-write";

describe("chunkedWrite", () => {
  it("passes on every piece, in order, in few chunks, and a binary piece only after the text before it", async () => {
    const chunks: (string | Uint8Array)[] = [];
    const { write, flush } = chunkedWrite(async (chunk) => void chunks.push(chunk));
    const line = `${"ж".repeat(99)}\n`;
    for (let i = 0; i < 2000; i++) await write(line);
    await write(Uint8Array.of(1, 2, 3));
    await write("tail");
    expect(chunks.length).toBeLessThan(10);
    await flush();
    const text = chunks.filter((c): c is string => typeof c === "string");
    expect(text.join("")).toBe(line.repeat(2000) + "tail");
    const binaryAt = chunks.findIndex((c) => typeof c !== "string");
    expect(chunks.slice(0, binaryAt).join("")).toBe(line.repeat(2000));
    expect(chunks.at(-1)).toBe("tail");
  });
});
