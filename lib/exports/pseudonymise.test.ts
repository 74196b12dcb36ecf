import { describe, expect, it } from "vitest";
import type { HashedEvent } from "../audit/event-hash";
import { PERSON_COLUMNS, PERSON_FIELDS, type PseudonymisedAs } from "../validation/person-fields";
import { Pseudonymiser } from "./pseudonymise";

const CASE = "0b7c3f0e-2d7f-4c55-9d2a-6f1e8a4b9c01";
const event: HashedEvent = {
  id: "9a1e7c52-0f3b-4d6e-a8c1-2b3d4e5f6a7b",
  chain: CASE,
  seq: 3,
  prevHash: "ab",
  occurredAt: "2026-03-02T09:15:00.000Z",
  actor: { id: "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", label: "caseworker@example.org", role: "CASEWORKER" },
  action: "person.updated",
  entity: { type: "person", id: CASE },
  caseId: CASE,
  reason: "Уточнено со слов Абдуллаевой",
  before: {
    familyName: "Абдуллаева",
    iin: "920410450123",
    birthDate: "1992-04-10",
    riskLevel: "LOW",
    aliases: [{ value: "Умм Мухаммад" }],
  },
  after: { familyName: "Абдулаева", address: "ул. Абая, 1", riskLevel: "HIGH", memberId: "7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a" },
  context: { ipAddress: "10.0.0.7" },
};

describe("pseudonymised profile", () => {
  const out = JSON.stringify(new Pseudonymiser().event(event));

  it("leaves out names, IIN, address, aliases, free text and staff identities", () => {
    for (const secret of [
      "Абдуллаева",
      "Абдулаева",
      "920410450123",
      "Абая",
      "Умм",
      "Уточнено",
      "caseworker@example.org",
      "10.0.0.7",
      CASE,
      "5f0c1a2b",
    ])
      expect(out).not.toContain(secret);
  });

  it("leaves out the other case number of a household link and the name of an assigned caseworker", () => {
    const linked = JSON.stringify(
      new Pseudonymiser().event({
        ...event,
        action: "household.member_added",
        before: null,
        after: { member: "KZ-2019-000042", memberRole: "CHILD" },
      }),
    );
    expect(linked).not.toContain("KZ-2019-000042");
    expect(linked).toContain("CHILD");
    const assigned = JSON.stringify(
      new Pseudonymiser().event({
        ...event,
        action: "case.assigned",
        before: null,
        after: { caseworkerId: "5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b", caseworker: "Kamila Caseworker" },
      }),
    );
    expect(assigned).not.toContain("Kamila");
  });

  it("keeps what an evaluator needs, with dates cut to the month", () => {
    const result = new Pseudonymiser().event(event) as Record<string, unknown>;
    expect(result).toMatchObject({
      seq: 3,
      occurredAt: "2026-03",
      action: "person.updated",
      actor: { role: "CASEWORKER" },
      chain: "P-000002",
      caseId: "P-000002",
    });
    expect(result.before).toMatchObject({ birthDate: "1992-04", riskLevel: "LOW" });
    expect(result.after).toMatchObject({ riskLevel: "HIGH" });
  });

  it("lets nothing of an event kind it does not know leave, nor a member a known kind does not list", () => {
    const unknown = new Pseudonymiser().event({
      ...event,
      action: "case.future_kind",
      before: { anything: "Абдуллаева" },
      after: { riskLevel: "HIGH" },
      context: { free: "text" },
    }) as Record<string, unknown>;
    expect(unknown).toMatchObject({ before: null, after: null, context: null });
    const extra = new Pseudonymiser().event({
      ...event,
      action: "alias.added",
      before: null,
      after: { type: "KUNYA", value: "Умм", source: "допрос соседки", newField: "Абдуллаева" },
    }) as Record<string, unknown>;
    expect(extra.after).toEqual({ type: "KUNYA", value: "[removed]", source: "[removed]" });
  });

  it("keeps a code only when it looks like one, so free text put in a code's place stays inside", () => {
    const result = new Pseudonymiser().event({
      ...event,
      action: "person.updated",
      before: null,
      after: { riskLevel: "HIGH", caseStatus: "со слов соседки" },
    }) as Record<string, unknown>;
    expect(result.after).toEqual({ riskLevel: "HIGH", caseStatus: "[removed]" });
  });

  it("names a case in an export's filters by the pseudonym its chain has", () => {
    const p = new Pseudonymiser();
    expect(p.filters({ caseId: CASE, q: "Абдуллаева" })).toEqual({ caseId: "P-000001" });
    expect(p.pseudonym(CASE, "P")).toBe("P-000001");
  });

  it("gives the same id the same pseudonym throughout one export", () => {
    const p = new Pseudonymiser();
    expect(p.pseudonym(CASE, "P")).toBe(p.pseudonym(CASE, "P"));
    expect(p.pseudonym(CASE, "P")).not.toBe(p.pseudonym(event.id, "E"));
  });

  it("keeps of a person exactly the members declared safe to keep, and nothing undeclared", () => {
    const sample: Record<PseudonymisedAs, string | boolean> = {
      code: "SAMPLE_CODE",
      month: "2019-05-07",
      ref: "7d6c5b4a-3f2e-4d1c-9b8a-7f6e5d4c3b2a",
      flag: true,
      removed: "Абдуллаева",
    };
    const declarations: [string, { pseudonymised: PseudonymisedAs; auditName?: string }][] = [
      ...Object.entries(PERSON_FIELDS),
      ...Object.entries(PERSON_COLUMNS),
    ];
    const members = declarations.map(([field, declared]) => [declared.auditName ?? field, declared.pseudonymised] as const);
    const after = { ...Object.fromEntries(members.map(([member, rule]) => [member, sample[rule]])), undeclaredField: "SAMPLE_CODE" };
    const result = new Pseudonymiser().event({ ...event, action: "case.created", before: null, after }) as {
      after: Record<string, unknown>;
    };
    const kept = Object.keys(result.after).filter((member) => result.after[member] !== "[removed]");
    expect(kept.sort()).toEqual(
      members
        .filter(([, rule]) => rule !== "removed")
        .map(([member]) => member)
        .sort(),
    );
    expect(result.after).not.toHaveProperty("undeclaredField");
  });
});
