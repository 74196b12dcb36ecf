import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import type { PrismaClient } from "../lib/db/generated/client";
import { expect, test } from "./fixtures";
import { ENTRY_POINTS, ROUTE_HANDLERS, type Fixtures } from "./entry-points";
import {
  auditActionsSince,
  buildActions,
  callAction as callActionFrom,
  closeCallers,
  fingerprint,
  openCallers,
  type Callers,
  type ManifestAction,
  type Prepared,
} from "./action-calls";

function buildRouteHandlers(): string[] {
  const manifest = JSON.parse(readFileSync(".next/server/app-paths-manifest.json", "utf8")) as Record<string, string>;
  return Object.keys(manifest)
    .filter((path) => path.endsWith("/route"))
    .map((path) => path.slice(0, -"/route".length));
}

const actions = buildActions();
let callers: Callers | undefined;
let db: PrismaClient;
let fixtures: Fixtures;
let sessions: Callers["sessions"];
const callAction = (context: APIRequestContext, action: ManifestAction, reply: Prepared) =>
  callActionFrom(context, new URL(test.info().project.use.baseURL ?? "").origin, action, reply);

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ baseURL }) => {
  callers = await openCallers(baseURL ?? "");
  ({ db, fixtures, sessions } = callers);
});

test.afterAll(async () => {
  await closeCallers(callers);
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
    if (entry.lookup) expect(body).not.toContain(fixtures.caseNumber);
  });

  for (const caller of entry.refused) {
    test(`${action.key}: refused to ${caller}, it changes nothing but the record of the denial`, async () => {
      const reply = await entry.reply(fixtures, db);
      const before = await fingerprint(db);
      const since = new Date();
      const { body } = await callAction(sessions.get(caller)!, action, reply);
      expect(await fingerprint(db)).toBe(before);
      expect((await auditActionsSince(db, since)).filter((a) => a !== "access.denied" && a !== entry.lookup?.audited)).toEqual([]);
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
      try {
        const { body } = await callAction(sessions.get(control)!, action, reply);
        if (entry.lookup) {
          for (const caller of entry.allowed)
            expect((await callAction(sessions.get(caller)!, action, await entry.reply(fixtures, db))).body, caller).toContain(
              fixtures.caseNumber,
            );
        } else {
          expect(await fingerprint(db), body.slice(0, 500)).not.toBe(before);
        }
      } finally {
        await entry.restore?.(db, fixtures);
      }
    });
  }
}
