import { describe, expect, it } from "vitest";
import { CREATION_FIELDS } from "../validation/person-fields";
import { IMPORT_SHEETS, PERSON_IMPORT_FIELDS, synonymsOf } from "./import-fields";
import { textKey } from "./text-key";

describe("the import's field declaration", () => {
  it("gives every field the New case form sets a column of the persons sheet", () => {
    const imported = PERSON_IMPORT_FIELDS.flatMap((field) => ("personField" in field ? [field.personField] : []));
    expect(CREATION_FIELDS.filter((field) => !imported.includes(field))).toEqual([]);
  });

  it("never gives two fields of one sheet the same header", () => {
    for (const fields of Object.values(IMPORT_SHEETS)) {
      const headers = fields.flatMap((field) => synonymsOf(field).map((header) => textKey(header)));
      expect(headers.filter((header, i) => headers.indexOf(header) !== i)).toEqual([]);
    }
  });
});
