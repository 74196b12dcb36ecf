import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { createDb } from "../lib/db/client";
import { SYSTEM_ACTOR } from "../lib/audit/record-event";
import type { PrismaClient } from "../lib/db/generated/client";
import { signedInContext } from "./fixtures";
import { CALLERS, fixtureCaseNumber, formOf, type Caller, type EntryPoint, type Fixtures } from "./entry-points";

/**
 * Calling the build's server actions as a browser would, and reading what they changed: shared
 * by the access matrix (entry-points.spec.ts) and the fuzz layer (fuzz.spec.ts).
 */

// React's own encoder for server action arguments: the calls below are byte for byte what a
// browser sends, minus the browser.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown[]) => Promise<FormData | string>;
};

export type ManifestAction = { id: string; key: string };

export function buildActions(): ManifestAction[] {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  return Object.entries(manifest.node).map(([id, entry]) => ({ id, key: `${entry.filename}#${entry.exportedName}` }));
}

/**
 * A digest of every table a refused call must leave exactly as it was. Sessions (touched on
 * every request), sign-in attempts and the audit log itself are checked separately or not at all.
 */
export async function fingerprint(db: PrismaClient): Promise<string> {
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
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM case_review t) AS case_review,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM requirements_review t) AS requirements_review,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM change_request t) AS change_request,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM import_batch t) AS import_batch,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM import_row t) AS import_row,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM import_mapping t) AS import_mapping,
      (SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) FROM audit_verification t) AS audit_verification`;
  return JSON.stringify(row);
}

/**
 * The actions of the audit events written since a moment by anyone but the background jobs: a
 * recomputation of tasks that a settings save asked for runs as the system whenever a job runner
 * takes it, so its events land in whichever call happens to be checked then.
 */
export const auditActionsSince = async (db: PrismaClient, since: Date) =>
  (await db.auditEvent.findMany({ where: { occurredAt: { gte: since } }, select: { action: true, actorId: true, actorLabel: true } }))
    .filter((e) => !(e.actorId === null && e.actorLabel === SYSTEM_ACTOR.label))
    .map((e) => e.action);

export async function makeFixtures(db: PrismaClient): Promise<Fixtures> {
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
        caseNumber,
        familyName: "Точкавходов",
        givenName,
        familyNameLatin: "Tochkavkhodov",
        givenNameLatin: givenName,
        searchName: `tochkavkhodov ${givenName.toLowerCase()}`,
        sex: "MALE",
        birthDate: new Date("1990-01-01"),
        regionId: city.id,
        returnDate: new Date("2019-05-07"),
        returnOperationCode: operation.code,
        returnedFrom: "SY",
        ageCategory: "ADULT_MAN",
        caseworkerId: caseworker.id,
      },
      select: { id: true, caseNumber: true, prosecutionStatus: true },
    });
  const target = await person(fixtureCaseNumber(), "Target");
  const other = await person(fixtureCaseNumber(), "Other");
  const program = await db.program.create({
    data: { name: "Entry-point check program", programTypeCode: programType.code, provider: "Test", regionId: city.id, capacity: 50 },
    select: { id: true },
  });
  const enrollment = await db.enrollment.create({
    data: { personId: other.id, programId: program.id, status: "REFERRED", referredOn: new Date("2024-01-10") },
    select: { id: true },
  });
  // The enrollment belongs to the second case: the target decides the scope, whatever case the form names.
  const transition = await db.prosecutionTransition.findFirstOrThrow({
    where: { fromStatus: target.prosecutionStatus, isCorrection: false },
    select: { toStatus: true },
  });
  // Upserted: the fuzz layer makes the same fixtures again in the same database.
  await db.user.upsert({
    where: { email: CALLERS.supervisorElsewhere },
    update: {},
    create: {
      email: CALLERS.supervisorElsewhere,
      name: "Supervisor Elsewhere",
      role: "SUPERVISOR",
      passwordHash: supervisor.passwordHash,
      regions: { create: [{ regionId: elsewhere.id }] },
    },
  });
  const targetUser = await db.user.upsert({
    where: { email: "entry-points-target@example.org" },
    update: {},
    create: {
      email: "entry-points-target@example.org",
      name: "Entry Points Target",
      role: "AUDITOR",
      passwordHash: supervisor.passwordHash,
    },
    select: { id: true },
  });
  return {
    caseId: target.id,
    caseNumber: target.caseNumber,
    otherCaseNumber: other.caseNumber,
    regionId: city.id,
    operationCode: operation.code,
    programId: program.id,
    enrollmentId: enrollment.id,
    nextStatus: transition.toStatus,
    targetUserId: targetUser.id,
  };
}

export type Prepared = Awaited<ReturnType<EntryPoint["reply"]>>;

/** Calls a server action exactly as React would, from the app's own origin, and returns the response's body. */
/** The arguments a page passes: a form action gets its previous state and the form. */
export function argumentsOf(reply: Prepared): unknown[] {
  return "form" in reply ? [{ ok: false, fieldErrors: {}, message: null, values: {} }, formOf(reply.form)] : reply.args;
}

export async function callAction(
  context: APIRequestContext,
  origin: string,
  action: ManifestAction,
  reply: Prepared,
): Promise<{ status: number; body: string }> {
  const encoded = await encodeReply(argumentsOf(reply));
  // A FormData, not an object: the root part "0" must come after the parts it refers to, and an
  // object would put that integer-like key first.
  const multipart = typeof encoded === "string" ? formOf({ "0": encoded }) : encoded;
  const response = await context.post("/", {
    headers: { "Next-Action": action.id, Origin: origin, Accept: "text/x-component" },
    multipart,
    maxRedirects: 0,
  });
  return { status: response.status(), body: await response.text() };
}

/** A body exactly as given, for calls no page would make: the encoding itself is what is tested. */
export type RawBody = { contentType: string; bytes: Buffer };

/** The multipart body React writes for these arguments, as bytes a test can cut or change. */
export async function encodedBody(args: unknown[]): Promise<RawBody> {
  const encoded = await encodeReply(args);
  const response = new Response(typeof encoded === "string" ? formOf({ "0": encoded }) : encoded);
  return { contentType: response.headers.get("content-type") ?? "", bytes: Buffer.from(await response.arrayBuffer()) };
}

export async function callActionRaw(
  context: APIRequestContext,
  origin: string,
  action: ManifestAction,
  body: RawBody,
): Promise<{ status: number; body: string }> {
  const headers = { "Next-Action": action.id, Origin: origin, Accept: "text/x-component", "Content-Type": body.contentType };
  const response = await context.post("/", { headers, data: body.bytes, maxRedirects: 0 });
  return { status: response.status(), body: await response.text() };
}

/** The database, the spec's own fixtures, and an HTTP client signed in as each caller (and one with no session). */
export type Callers = { db: PrismaClient; fixtures: Fixtures; sessions: Map<Caller | "anonymous", APIRequestContext> };

export async function openCallers(baseURL: string): Promise<Callers> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  const db = createDb(url);
  const fixtures = await makeFixtures(db);
  const sessions = new Map<Caller | "anonymous", APIRequestContext>([["anonymous", await playwrightRequest.newContext({ baseURL })]]);
  for (const [caller, email] of Object.entries(CALLERS) as [Caller, string][]) sessions.set(caller, await signedInContext(baseURL, email));
  return { db, fixtures, sessions };
}

export async function closeCallers(callers: Callers | undefined): Promise<void> {
  if (!callers) return;
  for (const context of callers.sessions.values()) await context.dispose();
  await callers.db.$disconnect();
}
