import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonicalJson (RFC 8785)", () => {
  it("sorts members by UTF-16 code units at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: true }], c: "x" } })).toBe('{"a":{"c":"x","d":[3,{"y":true,"z":null}]},"b":1}');
  });
  it("orders keys the way RFC 8785's own example does", () => {
    expect(
      canonicalJson({
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis",
      }),
    ).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });
  it("writes numbers as ECMAScript does and keeps Cyrillic unescaped", () => {
    expect(canonicalJson([1e21, 0.000001, -0, 100, "Жусан"])).toBe('[1e+21,0.000001,0,100,"Жусан"]');
  });
  it("refuses numbers JSON cannot represent", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
  });
});
