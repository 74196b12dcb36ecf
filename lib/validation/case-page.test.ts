import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "../audit/audit-actions";
import { CASE_HISTORY_KINDS, CasePageQuery } from "./case-page";

describe("the case page's query", () => {
  it.each([
    ["no parameters", {}],
    ["a cursor that is no id", { notes: "1 OR 1=1", history: "-1" }],
    ["repeated parameters", { notes: [crypto.randomUUID(), crypto.randomUUID()], kind: ["note", "person"] }],
    ["a kind the case page does not offer", { kind: "auth" }],
    ["a family name without its dot's context", { kind: "prosecution." }],
  ])("reads %s as the first pages, unfiltered", (_, raw) => {
    expect(CasePageQuery.parse(raw)).toEqual({});
  });

  it("keeps well-formed cursors and a kind", () => {
    const id = crypto.randomUUID();
    expect(CasePageQuery.parse({ notes: id, history: id, kind: "household", other: "x" })).toEqual({
      notes: id,
      history: id,
      kind: "household",
    });
  });

  it("offers only kinds that are families of audit actions the catalogs name", () => {
    const families = new Set(AUDIT_ACTIONS.map((action) => action.split(".")[0]));
    expect(CASE_HISTORY_KINDS.filter((kind) => !families.has(kind))).toEqual([]);
  });
});
