import { describe, expect, it } from "vitest";
import { changeLines, type ChangeVocabulary } from "./change-lines";

const vocabulary: ChangeVocabulary = {
  action: (action) => action,
  field: (name) =>
    ({ status: "Status", riskLevel: "Risk level", aliases: "Other names", unaccompaniedMinor: "Unaccompanied minor" })[name] ?? name,
  value: (field, value, action) =>
    value === "true"
      ? "yes"
      : value === "false"
        ? "no"
        : field === "status" && action.startsWith("prosecution.")
          ? `P:${value}`
          : value.toLowerCase(),
  hidden: (field, fields) => field === "householdId" || (field === "caseworkerId" && fields.has("caseworker")),
};

describe("change lines", () => {
  it("shows stored fields and codes as they are without a vocabulary", () => {
    expect(changeLines({ riskLevel: "LOW" }, { riskLevel: "HIGH", householdId: "h" })).toEqual([
      { field: "riskLevel", before: "LOW", after: "HIGH" },
      { field: "householdId", before: null, after: "h" },
    ]);
  });

  it("puts fields, codes, lists and yes or no in the reader's words, by the event's action, and leaves out internal ids", () => {
    const lines = changeLines(
      { status: "CHARGED", unaccompaniedMinor: false, caseworkerId: "a", caseworker: "Old" },
      {
        status: "ON_TRIAL",
        unaccompaniedMinor: true,
        aliases: ["KUNYA", "NICKNAME"],
        householdId: "h",
        caseworkerId: "b",
        caseworker: "New",
      },
      { action: "prosecution.status_changed", vocabulary },
    );
    expect(lines).toEqual([
      { field: "Status", before: "P:CHARGED", after: "P:ON_TRIAL" },
      { field: "Unaccompanied minor", before: "no", after: "yes" },
      { field: "caseworker", before: "old", after: "new" },
      { field: "Other names", before: null, after: "kunya, nickname" },
    ]);
  });
});
