import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { createDb } from "../lib/db/client";
import type { PrismaClient } from "../lib/db/generated/client";
import { expect, signedInContext, test } from "./fixtures";
import { CALLERS, ENTRY_POINTS, ROUTE_HANDLERS, fixtureCaseNumber, formOf, type Caller, type EntryPoint, type Fixtures } from "./entry-points";

// React's own encoder for server action arguments: the calls below are byte for byte what a
// browser sends, minus the browser.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown[]) => Promise<FormData | string>;
};

type ManifestAction = { id: string; key: string };

function buildActions(): ManifestAction[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as { node: Record<string, { filename: string; exportedName: string }> };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, key: `${entry.filename}#${entry.exportedName}` }));
}

function buildRouteHandlers(): string[] {
  const manifest = JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>;
  return Object.keys(manifest)
    .filter((path) => path.endsWith("/route"))
    .map((path) => path.slice(0, -"/route".length));
}

/**
 * A digest of every table a refused call must leave exactly as it was. Sessions (touched on
 * every request), sign-in attempts and the audit log itself are checked separately or not at all.
 */
async function fingerprint(db: PrismaClient): Promise<string> {
  const [row] = await db.$queryRaw<Record<string, string | null>[]>`
    SELECT
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM region t) AS region,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM app_user t) AS app_user,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM user_region t) AS user_region,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM recovery_code t) AS recovery_code,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM return_operation t) AS return_operation,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM program_type t) AS program_type,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM reason t) AS reason,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM program_requirement t) AS program_requirement,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM setting t) AS setting,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM case_number_counter t) AS case_number_counter,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM person t) AS person,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM alias t) AS alias,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM household t) AS household,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM household_member t) AS household_member,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM prosecution_transition t) AS prosecution_transition,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM prosecution_entry t) AS prosecution_entry,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM program t) AS program,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM enrollment t) AS enrollment,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM program_need t) AS program_need,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM note t) AS note,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM audit_verification t) AS audit_verification`;
  return JSON.stringify(row);
}

/** The actions of the audit events written since a moment. */
const auditActionsSince = async (db: PrismaClient, since: Date) =>
  (await db.auditEvent.findMany({ where: { occurredAt: { gte: since } }, select: { action: true } })).map((e) => e.action);

let db: PrismaClient;
let fixtures: Fixtures;
const sessions = new Map<Caller | "anonymous", APIRequestContext>();

async function makeFixtures(): Promise<Fixtures> {
  const [caseworker, city, elsewhere, operation, programType, supervisor] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: CALLERS.caseworker }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: "ALMATY_CITY" }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: "ASTANA" }, select: { id: true } }),
    db.returnOperation.findFirstOrThrow({ select: { code: true } }),
    db.programType.findFirstOrThrow({ select: { code: true } }),
    db.user.findUniqueOrThrow({ where: { email: CALLERS.supervisor }, select: { passwordHash: true } }),
  ]);
  const person = (caseNumber: string, givenName: string) =>
    db.person.create({
      data: {
        caseNumber, familyName: "Точкавходов", givenName, familyNameLatin: "Tochkavkhodov", givenNameLatin: givenName, searchName: `tochkavkhodov ${givenName.toLowerCase()}`,
        sex: "MALE", birthDate: new Date("1990-01-01"), regionId: city.id, returnDate: new Date("2019-05-07"), returnOperationCode: operation.code, returnedFrom: "SY",
        ageCategory: "ADULT_MAN", caseworkerId: caseworker.id,
      },
      select: { id: true, caseNumber: true, prosecutionStatus: true },
    });
  const target = await person(fixtureCaseNumber(), "Target");
  const other = await person(fixtureCaseNumber(), "Other");
  const program = await db.program.create({ data: { name: "Entry-point check program", programTypeCode: programType.code, provider: "Test", regionId: city.id, capacity: 50 }, select: { id: true } });
  const enrollment = await db.enrollment.create({ data: { personId: other.id, programId: program.id, status: "REFERRED", referredOn: new Date("2024-01-10") }, select: { id: true } });
  // The enrollment belongs to the second case: the target decides the scope, whatever case the form names.
  const transition = await db.prosecutionTransition.findFirstOrThrow({ where: { fromStatus: target.prosecutionStatus, isCorrection: false }, select: { toStatus: true } });
  await db.user.create({ data: { email: CALLERS.supervisorElsewhere, name: "Supervisor Elsewhere", role: "SUPERVISOR", passwordHash: supervisor.passwordHash, regions: { create: [{ regionId: elsewhere.id }] } } });
  const targetUser = await db.user.create({ data: { email: "entry-points-target@example.org", name: "Entry Points Target", role: "AUDITOR", passwordHash: supervisor.passwordHash }, select: { id: true } });
  return {
    caseId: target.id, caseNumber: target.caseNumber, otherCaseNumber: other.caseNumber, regionId: city.id, operationCode: operation.code,
    programId: program.id, enrollmentId: enrollment.id, nextStatus: transition.toStatus, targetUserId: targetUser.id,
  };
}

type Prepared = Awaited<ReturnType<EntryPoint["reply"]>>;

/** Calls a server action exactly as React would, and returns the response's body. */
async function callAction(context: APIRequestContext, action: ManifestAction, reply: Prepared): Promise<{ status: number; body: string }> {
  const args = "form" in reply ? [{ ok: false, fieldErrors: {}, message: null, values: {} }, formOf(reply.form)] : reply.args;
  const encoded = await encodeReply(args);
  // A FormData, not an object: the root part "0" must come after the parts it refers to, and an
  // object would put that integer-like key first.
  const multipart = typeof encoded === "string" ? formOf({ "0": encoded }) : encoded;
  const origin = new URL(test.info().project.use.baseURL ?? "").origin;
  const response = await context.post("/", { headers: { "Next-Action": action.id, Origin: origin, Accept: "text/x-component" }, multipart, maxRedirects: 0 });
  return { status: response.status(), body: await response.text() };
}

const actions = buildActions();

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ baseURL }) => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
  fixtures = await makeFixtures();
  sessions.set("anonymous", await playwrightRequest.newContext({ baseURL }));
  for (const [caller, email] of Object.entries(CALLERS) as [Caller, string][]) sessions.set(caller, await signedInContext(baseURL ?? "", email));
});

test.afterAll(async () => {
  for (const context of sessions.values()) await context.dispose();
  await db?.$disconnect();
});

test("every server action and route handler of the build has a row in the access table", () => {
  expect(actions.length).toBeGreaterThan(10);
  expect(actions.map((a) => a.key).filter((key) => !(key in ENTRY_POINTS))).toEqual([]);
  expect(Object.keys(ENTRY_POINTS).filter((key) => !actions.some((a) => a.key === key))).toEqual([]);
  expect(buildRouteHandlers().filter((route) => !(route in ROUTE_HANDLERS))).toEqual([]);
});

for (const action of actions) {
  const entry = ENTRY_POINTS[action.key];
  if (!entry) continue;

  test(`${action.key}: called with no session, it changes nothing`, async () => {
    // Prepared first: a reply may set up a record to act on, which is not the call's doing.
    const reply = await entry.reply(fixtures, db);
    const before = await fingerprint(db);
    const since = new Date();
    const { body } = await callAction(sessions.get("anonymous")!, action, reply);
    expect(await fingerprint(db)).toBe(before);
    expect(await auditActionsSince(db, since)).toEqual([]);
    if (action.key.endsWith("#searchCasesAction")) expect(body).not.toContain(fixtures.caseNumber);
  });

  for (const caller of entry.refused) {
    test(`${action.key}: refused to ${caller}, it changes nothing but the record of the denial`, async () => {
      const reply = await entry.reply(fixtures, db);
      const before = await fingerprint(db);
      const since = new Date();
      const { body } = await callAction(sessions.get(caller)!, action, reply);
      expect(await fingerprint(db)).toBe(before);
      expect((await auditActionsSince(db, since)).filter((a) => a !== "access.denied" && a !== "case.searched")).toEqual([]);
      if (!entry.mayReadCase?.includes(caller)) expect(body).not.toContain(fixtures.caseNumber);
      // Refused by the policy, not by the form: a payload that fails validation would prove nothing.
      // The one policy answer given as a field message is a case registered outside one's region.
      if (body.includes('"message":"checkFields"')) expect(body).toContain('"regionId":"regionNotYours"');
    });
  }

  const control = entry.allowed[0];
  if (control) {
    test(`${action.key}: the positive control, ${control}, is served`, async () => {
      const reply = await entry.reply(fixtures, db);
      const before = await fingerprint(db);
      const { body } = await callAction(sessions.get(control)!, action, reply);
      if (action.key.endsWith("#searchCasesAction")) {
        for (const caller of entry.allowed) expect((await callAction(sessions.get(caller)!, action, await entry.reply(fixtures, db))).body, caller).toContain(fixtures.caseNumber);
      } else {
        expect(await fingerprint(db), body.slice(0, 500)).not.toBe(before);
      }
    });
  }
}
