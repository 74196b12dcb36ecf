import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import ru from "../../messages/ru.json";
import kk from "../../messages/kk.json";

type Catalog = { [key: string]: string | Catalog };

function keys(catalog: Catalog, prefix = ""): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keys(value, `${prefix}${key}.`),
  );
}

describe("message catalogs", () => {
  it.each([
    ["Russian", ru],
    ["Kazakh", kk],
  ])("%s has exactly the English keys, none empty", (_, catalog: Catalog) => {
    expect(keys(catalog).sort()).toEqual(keys(en).sort());
    for (const key of keys(catalog))
      expect(key.split(".").reduce<string | Catalog>((node, part) => (node as Catalog)[part] ?? "", catalog)).not.toBe("");
  });
});
