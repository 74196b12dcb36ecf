import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { createDb } from "../lib/db/client";
import type { PrismaClient } from "../lib/db/generated/client";
import { verifyExport } from "../lib/auditing/verify-export";
import { PublicKeyList } from "../lib/signing/key-store";
import { readCheckpoint } from "../lib/auditing/checkpoint";
import { expect, signedInContext, test } from "./fixtures";

let db: PrismaClient;
let origin: string;
/** A demo case in the supervisor's regions, and one outside them. */
let inRegion: { id: string; caseNumber: string };
let outOfRegion: { id: string };
let supervisorRegions: string[];

test.beforeAll(async ({ baseURL }) => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
  origin = new URL(baseURL ?? "").origin;
  const supervisor = await db.user.findUniqueOrThrow({
    where: { email: "supervisor@example.org" },
    select: { regions: { select: { regionId: true } } },
  });
  supervisorRegions = supervisor.regions.map((r) => r.regionId);
  inRegion = await db.person.findFirstOrThrow({
    where: { regionId: { in: supervisorRegions } },
    orderBy: { caseNumber: "asc" },
    select: { id: true, caseNumber: true },
  });
  outOfRegion = await db.person.findFirstOrThrow({ where: { regionId: { notIn: supervisorRegions } }, select: { id: true } });
});

test.afterAll(async () => {
  await db?.$disconnect();
});

const form = (fields: Record<string, string> = {}) => ({ format: "json", profile: "full", reason: "Inspection request", ...fields });
const post = (
  context: APIRequestContext,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = { Origin: origin },
) => context.post(path, { form: fields, headers, maxRedirects: 0 });

test("an auditor's JSON export of one case streams as a download, verifies offline with the published keys, and closes with the SHA-256 of what was sent", async ({
  baseURL,
  playwright,
}) => {
  const auditor = await signedInContext(baseURL ?? "", "auditor@example.org");
  const anonymous = await playwright.request.newContext({ baseURL });
  const response = await post(auditor, `/api/cases/${inRegion.id}/history`, form());
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(response.headers()["content-disposition"]).toMatch(
    new RegExp(`^attachment; filename="zhusan-${inRegion.caseNumber}-\\d{4}-\\d{2}-\\d{2}\\.json"$`),
  );
  expect(response.headers()["cache-control"]).toContain("no-store");
  const text = await response.text();
  expect(text).toContain(inRegion.caseNumber);
  // The key list is public: anyone can check a signature.
  const keys: unknown = await (await anonymous.get("/api/signing-keys")).json();
  expect(verifyExport(text, PublicKeyList.parse(keys))).toMatchObject({ ok: true, verifiable: true, signature: { status: "valid" } });
  const exportId = response.headers()["x-export-reference"];
  const sent = createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
  await expect
    .poll(
      async () =>
        (await db.auditEvent.findFirst({ where: { chain: "system", entityId: exportId, action: "history.export_completed" } }))?.context,
    )
    .toMatchObject({ format: "json", sha256: sent });
  await Promise.all([auditor.dispose(), anonymous.dispose()]);
});

test("the export endpoints refuse a foreign or missing Origin, no session, a role or scope without export, and bad input, writing no export", async ({
  baseURL,
  playwright,
}) => {
  const [auditor, caseworker, supervisor, anonymous] = await Promise.all([
    signedInContext(baseURL ?? "", "auditor@example.org"),
    signedInContext(baseURL ?? "", "caseworker@example.org"),
    signedInContext(baseURL ?? "", "supervisor@example.org"),
    playwright.request.newContext({ baseURL }),
  ]);
  // The other tests in this file export in parallel, so only exports carrying this test's own
  // reason, or none, count as written by it.
  const reason = `Refusal probe ${crypto.randomUUID()}`;
  const form = (fields: Record<string, string> = {}) => ({ format: "json", profile: "full", reason, ...fields });
  const casePath = `/api/cases/${inRegion.id}/history`;
  const refusals: [string, Promise<{ status: () => number; json: () => Promise<unknown> }>, number, unknown][] = [
    ["foreign origin", post(auditor, casePath, form(), { Origin: "https://elsewhere.example" }), 403, { error: "origin" }],
    ["no origin", post(auditor, casePath, form(), {}), 403, { error: "origin" }],
    ["no session", post(anonymous, casePath, form()), 401, { error: "signIn" }],
    ["caseworker", post(caseworker, casePath, form()), 404, { error: "notFound" }],
    ["caseworker, set", post(caseworker, "/api/exports/history", form()), 404, { error: "notFound" }],
    ["supervisor, other region", post(supervisor, `/api/cases/${outOfRegion.id}/history`, form()), 404, { error: "notFound" }],
    ["unknown case", post(auditor, "/api/cases/00000000-0000-4000-8000-000000000000/history", form()), 404, { error: "notFound" }],
    ["not an id", post(auditor, "/api/cases/not-a-case/history", form()), 404, { error: "notFound" }],
    [
      "bad format and no reason",
      post(auditor, casePath, form({ format: "xlsx", reason: "" })),
      400,
      { error: "invalid", fields: { format: "required", reason: "required" } },
    ],
  ];
  for (const [label, pending, status, body] of refusals) {
    const response = await pending;
    expect(response.status(), label).toBe(status);
    expect(await response.json(), label).toEqual(body);
  }
  expect(
    await db.auditEvent.count({ where: { action: "history.exported", OR: [{ reason: { in: [reason, ""] } }, { reason: null }] } }),
  ).toBe(0);
  await Promise.all([auditor, caseworker, supervisor, anonymous].map((c) => c.dispose()));
});

test("a supervisor's set export holds exactly the cases of their regions that the filters select", async ({ baseURL }) => {
  const supervisor = await signedInContext(baseURL ?? "", "supervisor@example.org");
  const region = supervisorRegions[0]!;
  const response = await post(supervisor, "/api/exports/history", form({ region, age: "MINOR" }));
  expect(response.status()).toBe(200);
  const file = JSON.parse(await response.text()) as { chains: { chain: string }[] };
  const expected = await db.person.findMany({ where: { regionId: region, ageCategory: "MINOR" }, select: { id: true } });
  expect(file.chains.map((c) => c.chain).sort()).toEqual(expected.map((p) => p.id).sort());
  // A filter naming a region outside their reach yields nothing, not that region's cases.
  const other = await db.person.findFirstOrThrow({ where: { regionId: { notIn: supervisorRegions } }, select: { regionId: true } });
  const outside = JSON.parse(await (await post(supervisor, "/api/exports/history", form({ region: other.regionId }))).text()) as {
    chains: unknown[];
  };
  expect(outside.chains).toEqual([]);
  await supervisor.dispose();
});

test("an auditor exports a case's history as a PDF from the case page, giving a reason", async ({ signedInAs }) => {
  const page = await signedInAs("AUDITOR");
  await page.goto(`/cases/${inRegion.id}`);
  const dialog = page.getByTestId("export-dialog");
  await dialog.getByText("Export this case's history").click();
  await dialog.getByRole("button", { name: "Export" }).click();
  await expect(dialog.locator("#export-reason-case-error")).toHaveText("Required.");
  await dialog.getByLabel("Reason for the export").fill("Court request 2026/114");
  const download = page.waitForEvent("download");
  await dialog.getByRole("button", { name: "Export" }).click();
  expect((await download).suggestedFilename()).toMatch(new RegExp(`^zhusan-${inRegion.caseNumber}-\\d{4}-\\d{2}-\\d{2}\\.pdf$`));
  const file = await (await download).path();
  expect(readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
  await expect(dialog.getByRole("status")).toContainText("Export reference");
  const event = await db.auditEvent.findFirstOrThrow({
    where: { chain: inRegion.id, action: "history.exported", reason: "Court request 2026/114" },
  });
  expect(event).toMatchObject({ reason: "Court request 2026/114", context: { format: "pdf", profile: "full" } });
});

test("an export from another address of the same server works only while NEXTAUTH_URL is unset", async ({ baseURL }) => {
  const auditor = await signedInContext(baseURL ?? "", "auditor@example.org");
  // The same server reached by another name, as a person typing localhost instead of 127.0.0.1 would.
  const other = `localhost:${new URL(baseURL ?? "").port}`;
  const response = await post(auditor, `/api/cases/${inRegion.id}/history`, form(), { Origin: `http://${other}`, Host: other });
  if (process.env.E2E_NEXTAUTH_URL === "unset") {
    expect(response.status()).toBe(200);
    expect((await response.body()).toString()).toContain(inRegion.caseNumber);
  } else {
    expect(response.status()).toBe(403);
    expect(await response.json()).toEqual({ error: "origin" });
  }
  await auditor.dispose();
});

test("an auditor downloads a signed checkpoint from the audit page; other roles, other origins and no session are refused", async ({
  baseURL,
  browser,
  playwright,
}) => {
  const [auditor, supervisor, administrator, anonymous] = await Promise.all([
    signedInContext(baseURL ?? "", "auditor@example.org"),
    signedInContext(baseURL ?? "", "supervisor@example.org"),
    signedInContext(baseURL ?? "", "admin@example.org"),
    playwright.request.newContext({ baseURL }),
  ]);
  expect((await post(anonymous, "/api/audit/checkpoint", {})).status()).toBe(401);
  expect((await post(auditor, "/api/audit/checkpoint", {}, { Origin: "https://elsewhere.example" })).status()).toBe(403);
  for (const refused of [supervisor, administrator]) {
    const response = await post(refused, "/api/audit/checkpoint", {});
    expect(response.status()).toBe(404);
    expect(await response.json()).toEqual({ error: "notFound" });
  }

  const page = await browser.newPage({ baseURL, storageState: await auditor.storageState() });
  await page.goto("/audit");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-checkpoint").click()]);
  const text = readFileSync(await download.path(), "utf8");
  const keys = PublicKeyList.parse(await (await auditor.get("/api/signing-keys")).json());
  const reading = readCheckpoint(text, keys);
  expect(reading).toMatchObject({ ok: true, signature: { status: "valid" } });
  const head = await db.auditChainHead.findUniqueOrThrow({ where: { chain: inRegion.id } });
  expect(reading.ok && reading.heads.find((h) => h.chain === inRegion.id)!.lastSeq).toBeLessThanOrEqual(head.lastSeq);
  await page.close();
  await Promise.all([auditor.dispose(), supervisor.dispose(), administrator.dispose(), anonymous.dispose()]);
});
