import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box";

const SECRET = "a".repeat(40);

describe("secret box", () => {
  it("opens what it sealed, and each sealing differs", () => {
    const a = seal("JBSWY3DPEHPK3PXP", SECRET);
    expect(open(a, SECRET)).toBe("JBSWY3DPEHPK3PXP");
    expect(seal("JBSWY3DPEHPK3PXP", SECRET)).not.toBe(a);
  });
  it("refuses another key and any altered byte", () => {
    const sealed = seal("JBSWY3DPEHPK3PXP", SECRET);
    expect(open(sealed, "b".repeat(40))).toBeNull();
    const altered = sealed.slice(0, -4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(open(altered, SECRET)).toBeNull();
    expect(open("plain text", SECRET)).toBeNull();
  });
});
