import fc from "fast-check";
import type { PrismaClient } from "../lib/db/generated/client";
import { expect, test } from "./fixtures";
import { ACTION_BODY_LIMIT } from "../lib/security/request-hygiene";
import { ENTRY_POINTS, type Caller, type EntryPoint, type Fixtures } from "./entry-points";
import {
  argumentsOf,
  auditActionsSince,
  buildActions,
  callAction,
  callActionRaw,
  closeCallers,
  encodedBody,
  fingerprint,
  openCallers,
  type Callers,
  type ManifestAction,
  type Prepared,
  type RawBody,
} from "./action-calls";

/**
 * The fuzz layer: every server action of the build (the same enumeration the access matrix keeps
 * complete) receives generated malformed input from a caller it serves, so the input passes the
 * session and policy checks and meets the parsing behind them. For each input: no 5xx, no
 * "unexpected" answer (an error the server did not expect), and no table changed without an
 * audit event written with it. Seeded, so a failure repeats; `npm run fuzz -- N` runs N inputs
 * per action instead of the CI's few.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

/** Values that have broken parsers somewhere: empty, NUL, far dates, numbers out of range, markup, formulas, long text. */
const NASTY = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "0000-01-01",
  "9999-12-31",
  "2024-02-30",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "null",
  "undefined",
  "[]",
  "{}",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  '=HYPERLINK("x")',
  "../../etc/passwd",
  "\uFEFF",
  "\uD800",
  "x".repeat(5000),
  "00000000-0000-0000-0000-000000000000",
  "on",
  "off",
  "true",
  "ADMINISTRATOR",
  "KZ-2019-000001",
  "Ａ",
  "👨‍👩‍👧",
);
const FIELD_VALUE = fc.oneof(NASTY, fc.string({ unit: "binary", maxLength: 300 }), fc.integer().map(String), fc.uuid());

type Mutation = { replace: [string, string][]; drop: string[]; extra: [string, string][]; notAForm: boolean };

/** A mutation of a valid form: some fields replaced, some dropped, some added. */
const MUTATION = (fields: string[]): fc.Arbitrary<Mutation> =>
  fc.record({
    replace: fields.length ? fc.array(fc.tuple(fc.constantFrom(...fields), FIELD_VALUE), { minLength: 1, maxLength: 4 }) : fc.constant([]),
    drop: fc.subarray(fields, { maxLength: Math.min(2, fields.length) }),
    extra: fc.array(fc.tuple(fc.constantFrom("id", "role", "userId", "caseId", "version", "$ACTION_ID", "__proto__"), FIELD_VALUE), {
      maxLength: 2,
    }),
    // Now and then the arguments are not a form at all, as a hand-made call may send.
    notAForm: fc.boolean().chain((b) => (b ? fc.boolean() : fc.constant(false))),
  });

function mutated(reply: Prepared, mutation: Mutation, raw: unknown): Prepared {
  if (!("form" in reply) || mutation.notAForm) return { args: "form" in reply ? [raw, raw] : [raw] };
  const form = { ...reply.form };
  for (const field of mutation.drop) delete form[field];
  for (const [field, value] of mutation.replace) form[field] = value;
  for (const [field, value] of mutation.extra) form[field] = value;
  return { form };
}

const actions = buildActions();
let callers: Callers | undefined;
let db: PrismaClient;
let fixtures: Fixtures;
let sessions: Callers["sessions"];

// One action after another (the fingerprints need the database to themselves), but a failing
// action does not stop the others from being tried.
test.describe.configure({ mode: "default" });

test.beforeAll(async ({ baseURL }) => {
  callers = await openCallers(baseURL ?? "");
  ({ db, fixtures, sessions } = callers);
});

test.afterAll(async () => {
  await closeCallers(callers);
});

async function fuzzAction(action: ManifestAction, entry: EntryPoint, origin: string) {
  const caller: Caller | "anonymous" = entry.allowed[0] ?? "anonymous";
  const context = sessions.get(caller)!;
  const template = await entry.reply(fixtures, db);
  const fields = "form" in template ? Object.keys(template.form) : [];
  await fc.assert(
    fc.asyncProperty(MUTATION(fields), fc.jsonValue(), async (mutation, raw) => {
      const input = mutated(await entry.reply(fixtures, db), mutation, raw);
      const before = await fingerprint(db);
      const since = new Date();
      const { status, body } = await callAction(context, origin, action, input);
      const described = `${action.key} as ${caller}: ${JSON.stringify(input).slice(0, 300)} -> ${status} ${body.slice(0, 300)}`;
      expect(status, described).toBeLessThan(500);
      expect(body, described).not.toMatch(/"message":"unexpected"|"error":"unexpected"/);
      if ((await fingerprint(db)) !== before)
        expect((await auditActionsSince(db, since)).length, `changed without an audit event: ${described}`).toBeGreaterThan(0);
      await entry.restore?.(db, fixtures);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  console.log(`[fuzz] ${action.key}: ${RUNS} malformed inputs (seed ${SEED})`);
}

for (const action of actions) {
  const entry = ENTRY_POINTS[action.key];
  if (!entry) continue;
  test(`${action.key} answers malformed input with a 4xx or a field message, and changes nothing without its audit event`, async ({
    baseURL,
  }) => {
    test.slow();
    await fuzzAction(action, entry, new URL(baseURL ?? "").origin);
  });
}

const text = (value: string | Uint8Array): RawBody => ({ contentType: "text/plain;charset=UTF-8", bytes: Buffer.from(value) });

/** Bodies React's decoder cannot read, each of a kind an outside test sent. */
const MISENCODED: [string, RawBody][] = [
  ["broken JSON", text('{"broken')],
  ["an unclosed list", text('["$K1"')],
  ["an empty body", text("")],
  ["a root that is not a list", text("5")],
  ["a reference to a missing part", text('["$1"]')],
  ["a server function reference", text('["$h1"]')],
  ["a bigint that is not a number", text('["$nxyz"]')],
  ["invalid UTF-8", text(new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]))],
  [
    "a multipart body cut from its boundary",
    {
      contentType: "multipart/form-data; boundary=expected",
      bytes: Buffer.from('--other\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]\r\n--other--'),
    },
  ],
  ["JSON sent as JSON", { contentType: "application/json", bytes: Buffer.from("[]") }],
];

/** A body that is a real call cut short, or with bytes changed: what a broken client or a hand-made request sends. */
const DAMAGE = fc.oneof(
  fc.record({ cut: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
);

function damaged(body: RawBody, damage: { cut: number } | { at: number; bytes: Uint8Array }): RawBody {
  if ("cut" in damage) return { ...body, bytes: body.bytes.subarray(0, Math.floor(body.bytes.length * damage.cut)) };
  const at = Math.floor(body.bytes.length * damage.at);
  return { ...body, bytes: Buffer.concat([body.bytes.subarray(0, at), damage.bytes, body.bytes.subarray(at + damage.bytes.length)]) };
}

// React's decoder reports what it cannot read as an error row in an otherwise successful stream.
const DECODER_ERROR = /^\d+:E\{/m;

for (const action of actions) {
  const entry = ENTRY_POINTS[action.key];
  if (!entry) continue;
  test(`${action.key} answers a misencoded call with a 4xx before its arguments are decoded`, async ({ baseURL }) => {
    const origin = new URL(baseURL ?? "").origin;
    const caller: Caller | "anonymous" = entry.allowed[0] ?? "anonymous";
    const context = sessions.get(caller)!;
    for (const [label, body] of MISENCODED) {
      const { status, body: answer } = await callActionRaw(context, origin, action, body);
      expect([400, 415], `${action.key}, ${label}: ${status} ${answer.slice(0, 200)}`).toContain(status);
      expect(JSON.parse(answer), label).toHaveProperty("error");
    }
    const valid = await encodedBody(argumentsOf(await entry.reply(fixtures, db)));
    await fc.assert(
      fc.asyncProperty(DAMAGE, async (damage) => {
        const before = await fingerprint(db);
        const since = new Date();
        const { status, body } = await callActionRaw(context, origin, action, damaged(valid, damage));
        const described = `${action.key} as ${caller}, ${JSON.stringify(damage)} -> ${status} ${body.slice(0, 300)}`;
        expect(status, described).toBeLessThan(500);
        expect(body, described).not.toMatch(DECODER_ERROR);
        if ((await fingerprint(db)) !== before)
          expect((await auditActionsSince(db, since)).length, `changed without an audit event: ${described}`).toBeGreaterThan(0);
        await entry.restore?.(db, fixtures);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    console.log(`[fuzz] ${action.key}: ${MISENCODED.length + RUNS} misencoded calls (seed ${SEED})`);
  });
}

test("an action call sent in chunks past the size limit is refused with 413, with no length to refuse it by", async ({ baseURL }) => {
  const [action] = actions;
  const origin = new URL(baseURL ?? "").origin;
  const bytes = new TextEncoder().encode(JSON.stringify(["x".repeat(ACTION_BODY_LIMIT + 1)]));
  const chunks = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
      controller.close();
    },
  });
  const response = await fetch(`${origin}/`, {
    method: "POST",
    headers: { "Next-Action": action!.id, Origin: origin, "Content-Type": "text/plain;charset=UTF-8" },
    body: chunks,
    duplex: "half",
  } as RequestInit);
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({ error: "tooLarge" });
});
