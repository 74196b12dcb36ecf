import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import en from "../../messages/en.json";
import { CREATION_FIELDS, EDITABLE_FIELDS, PERSON_COLUMNS, PERSON_FIELDS } from "./person-fields";

type Catalog = { [key: string]: string | Catalog };
const inCatalog = (key: string) =>
  typeof key.split(".").reduce<string | Catalog | undefined>((node, part) => (typeof node === "object" ? node[part] : undefined), en) ===
  "string";

const declared = { ...PERSON_FIELDS, ...PERSON_COLUMNS };

describe("the person record's declaration", () => {
  it("declares every column of the Person model, and nothing else, so a new column cannot go unjudged", () => {
    expect(Object.keys(declared).sort()).toEqual(Object.values(Prisma.PersonScalarFieldEnum).sort());
    expect(Object.keys(PERSON_FIELDS).filter((field) => field in PERSON_COLUMNS)).toEqual([]);
  });

  it.each(Object.entries(declared))("says whether %s is personal data and what of it a pseudonymised export keeps", (_, declaration) => {
    expect(typeof declaration.personal).toBe("boolean");
    expect(["code", "month", "ref", "flag", "removed"]).toContain(declaration.pseudonymised);
    // Personal data leaves only coarsened to its month, or not at all.
    if (declaration.personal) expect(["month", "removed"]).toContain(declaration.pseudonymised);
  });

  it("keeps names, IIN, address and the case number out of a pseudonymised export", () => {
    for (const field of [
      "familyName",
      "givenName",
      "patronymic",
      "familyNameLatin",
      "givenNameLatin",
      "patronymicLatin",
      "searchName",
      "iin",
      "address",
      "caseNumber",
    ] as const) {
      expect(declared[field]).toMatchObject({ personal: true, pseudonymised: "removed" });
    }
  });

  it("labels every field, hint and choice from the message catalogs", () => {
    for (const field of Object.values(PERSON_FIELDS)) {
      const input = field.input;
      const keys = [
        field.label,
        ...("hint" in input ? [input.hint] : []),
        ...(input.kind === "select" && typeof input.options !== "string" ? input.options.map((o) => o.label) : []),
      ];
      for (const key of keys) expect(inCatalog(key), key).toBe(true);
    }
  });

  it("sets at registration or edits afterwards every field a form holds", () => {
    expect(
      Object.keys(PERSON_FIELDS).filter(
        (field) => !(CREATION_FIELDS as string[]).includes(field) && !(EDITABLE_FIELDS as string[]).includes(field),
      ),
    ).toEqual([]);
  });
});
