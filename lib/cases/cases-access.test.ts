import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import type { CurrentUser } from "../auth/session-store";
import { transliterateToLatin } from "../search/normalize-name";
import { makePerson, makeTeam } from "../testing/factories";
import { DomainError } from "../errors/domain-error";
import { getCase } from "./get-case";
import { listCases } from "./registry";
import { randomConsonants } from "../testing/unique-name";

// Two regions; in the first, one case assigned to "me" and one to a colleague; one case in the other.
let mine: { id: string };
let colleagues: { id: string };
let elsewhere: { id: string };
let me: CurrentUser;
let supervisor: CurrentUser;
let auditor: CurrentUser;
let admin: CurrentUser;
let regionIds: { first: string; other: string };
// A surname no other test uses: Cyrillic letters drawn at random.
const surname = `Уни${randomConsonants(8)}ов`;

beforeAll(async () => {
  const team = await makeTeam();
  ({ owner: me, supervisor, auditor, administrator: admin } = team);
  regionIds = { first: team.region.id, other: team.otherRegion.id };
  mine = await makePerson(team.region.id, me.id, surname);
  colleagues = await makePerson(team.region.id, team.colleague.id, surname);
  elsewhere = await makePerson(team.otherRegion.id, null, surname);
});

const query = (q = "") => ({ q, sort: "caseNumber" as const, cursor: undefined });
const found = async (user: CurrentUser) => (await listCases(user, query(surname))).rows.map((r) => r.id).sort();

describe("registry scope", () => {
  it("a caseworker's search finds only the cases assigned to them", async () => {
    expect(await found(me)).toEqual([mine.id]);
  });
  it("a supervisor's search finds their regions' cases and nothing from another region", async () => {
    expect(await found(supervisor)).toEqual([mine.id, colleagues.id].sort());
  });
  it("a supervisor of both regions finds the cases of each, one of no region finds none", async () => {
    // Each region is its own bound value in the scope (docs/decisions/037): both must count.
    expect(await found({ ...supervisor, regionIds: [regionIds.first, regionIds.other] })).toEqual(
      [mine.id, colleagues.id, elsewhere.id].sort(),
    );
    expect(await found({ ...supervisor, regionIds: [regionIds.other] })).toEqual([elsewhere.id]);
    const page = await listCases({ ...supervisor, regionIds: [] }, query(surname));
    expect(page.rows).toEqual([]);
    expect(page.total).toBe(0);
  });
  it("an auditor's search finds every case", async () => {
    expect(await found(auditor)).toEqual([mine.id, colleagues.id, elsewhere.id].sort());
  });
  it("an administrator's search finds no case at all, and the count says so too", async () => {
    const page = await listCases(admin, query(surname));
    expect(page.rows).toEqual([]);
    expect(page.total).toBe(0);
  });
  it("finds a Cyrillic surname from its Latin spelling, in another case and with a variant ending", async () => {
    const latin = transliterateToLatin(surname);
    const byLatin = await listCases(auditor, query(latin.toUpperCase()));
    expect(byLatin.rows.map((r) => r.id).sort()).toEqual([mine.id, colleagues.id, elsewhere.id].sort());
    const variant = await listCases(auditor, query(latin.replace(/ov$/, "off")));
    expect(variant.rows.map((r) => r.id)).toContain(mine.id);
  });
  it("records a search as an audit event with its text", async () => {
    await listCases(me, query(surname));
    const events = await getDb().auditEvent.findMany({ where: { actorId: me.id, action: "case.searched" } });
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]?.context).toMatchObject({ text: surname });
  });
});

describe("opening a case", () => {
  const opens = async (user: CurrentUser, id: string) => {
    try {
      await getCase(user, id);
      return "opened";
    } catch (error) {
      if (error instanceof DomainError) return error.kind;
      throw error;
    }
  };

  it("the caseworker opens their own case, and the opening is written to the case's history", async () => {
    expect(await opens(me, mine.id)).toBe("opened");
    expect(await getDb().auditEvent.count({ where: { chain: mine.id, action: "case.viewed", actorId: me.id } })).toBe(1);
  });
  it("a colleague's case looks exactly like a case that does not exist", async () => {
    expect(await opens(me, colleagues.id)).toBe("notFound");
    expect(await opens(me, randomUUID())).toBe("notFound");
    expect(await opens(me, "not-a-uuid")).toBe("notFound");
  });
  it("a refused opening writes no view event", async () => {
    await opens(me, colleagues.id);
    expect(await getDb().auditEvent.count({ where: { chain: colleagues.id, action: "case.viewed", actorId: me.id } })).toBe(0);
  });
  it("the supervisor opens cases in their region but not in another", async () => {
    expect(await opens(supervisor, colleagues.id)).toBe("opened");
    expect(await opens(supervisor, elsewhere.id)).toBe("notFound");
  });
  it("the administrator opens no case", async () => {
    expect(await opens(admin, mine.id)).toBe("notFound");
  });
  it("only the caseworker who may edit sees the case as editable; the auditor reads it only", async () => {
    expect((await getCase(me, mine.id)).canEdit).toBe(true);
    expect((await getCase(auditor, mine.id)).canEdit).toBe(false);
  });
});
