import { describe, expect, it } from "vitest";
import { LineBytes } from "./line-bytes";

describe("the scratch line", () => {
  it("grows for a long line, gives it whole, and does not keep the long buffer", () => {
    const long = LineBytes.begin();
    long.text("ж".repeat(200_000));
    long.byte(0x0a);
    expect(long.take().toString("utf8")).toBe(`${"ж".repeat(200_000)}\n`);
    expect(long.buffer.length).toBeLessThanOrEqual(4096);
  });

  it("begins every line empty, whatever a line cut off by an error left", () => {
    LineBytes.begin().text("left over");
    const line = LineBytes.begin();
    line.text("next");
    expect(line.take().toString("utf8")).toBe("next");
  });
});
