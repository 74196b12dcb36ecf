import { describe, expect, it } from "vitest";
import { makeIin } from "./iin";
import { NewCaseInput } from "./person";

const valid = {
  familyName: "Абдуллаева",
  givenName: "Мадина",
  sex: "FEMALE",
  birthDate: "1992-04-10",
  regionId: "8b0c7f1e-8a55-4b43-9a55-0c1f7f6c2a11",
  returnDate: "2019-05-07",
  returnOperationCode: "ZHUSAN_2",
  returnedFrom: "SY",
};
const good = makeIin("1992-04-10", "FEMALE", 2001) ?? "";
const wrongCheckDigit = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
const problems = (input: Record<string, unknown>) => {
  const result = NewCaseInput.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("NewCaseInput", () => {
  it("accepts a person without an IIN, as children born abroad have none", () => {
    expect(problems(valid)).toEqual({});
  });
  it("accepts an IIN that agrees with birth date and sex", () => {
    expect(problems({ ...valid, iin: makeIin("1992-04-10", "FEMALE", 2001) })).toEqual({});
  });
  it.each([
    ["an IIN of the wrong length", { iin: "92041040" }, { iin: "iin_format" }],
    ["an IIN with a wrong check digit", { iin: wrongCheckDigit }, { iin: "iin_checkDigit" }],
    ["an IIN of a man for a woman", { iin: makeIin("1992-04-10", "MALE", 2001) }, { iin: "iin_sexMismatch" }],
    ["an IIN with another birth date", { iin: makeIin("1992-04-11", "FEMALE", 2001) }, { iin: "iin_birthDateMismatch" }],
    ["a return before birth", { returnDate: "1990-01-01" }, { returnDate: "beforeBirth" }],
    ["a birth date in the future", { birthDate: "2999-01-01", returnDate: "2999-02-01" }, { birthDate: "future", returnDate: "future" }],
    ["a missing family name", { familyName: " " }, { familyName: "required" }],
    ["an alias with no type", { aliasValue0: "Умм Мухаммад" }, { aliasType0: "required" }],
  ])("refuses %s, on the field", (_, change, expected) => {
    expect(problems({ ...valid, ...change })).toEqual(expected);
  });
});
