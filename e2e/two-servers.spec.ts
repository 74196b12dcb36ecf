import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { createDb } from "../lib/db/client";
import type { Role } from "../lib/db/generated/enums";
import type { PrismaClient } from "../lib/db/generated/client";
import { fixtureCaseNumber } from "./entry-points";
import { expect, signInThroughForm, test } from "./fixtures";

/*
 * Two app servers from one build on one database, behind one load balancer: playwright.config.ts
 * starts B on the port after A's, and both have A's address as NEXTAUTH_URL, the one public
 * origin. A page left alone talks to A. A page given to throughB() has every request it sends to
 * that origin carried to B instead, with the Host and Origin the browser wrote, as a load balancer
 * forwards them; Next refuses a server action whose Origin and Host disagree, so this is also what
 * lets B accept them at all. Each test makes one server do something and the other one answer as
 * if it had done it itself; each says why that answer would differ if the state lived in a process.
 */

let db: PrismaClient;
let passwordHash: string;
let regionId: string;

test.beforeAll(async () => {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) throw new Error("E2E_DATABASE_URL is not set: run the browser tests through `npm test`");
  db = createDb(url);
  // The demo accounts' hash, so the accounts made here sign in with DEMO_PASSWORD.
  ({ passwordHash } = await db.user.findUniqueOrThrow({ where: { email: "auditor@example.org" }, select: { passwordHash: true } }));
  ({ id: regionId } = await db.region.findUniqueOrThrow({ where: { code: "ALMATY_CITY" }, select: { id: true } }));
});

test.afterAll(async () => {
  await db?.$disconnect();
});

// A page carried to B may still have a request in flight when its test ends (a prefetch, or the
// refresh after a save); the test's own requests have all been answered by then, so what is left
// is dropped instead of failing a test that has already proven its point.
const routedToB: Page[] = [];
test.afterEach(async () => {
  await Promise.all(routedToB.splice(0).map((page) => page.unrouteAll({ behavior: "ignoreErrors" })));
});

type Account = { id: string; email: string; name: string };

/** An account of this test's own: the ones these tests lock and deactivate are no one else's. */
async function newAccount(role: Role): Promise<Account> {
  const tag = randomUUID().slice(0, 8);
  return db.user.create({
    data: {
      email: `two-servers-${tag}@example.org`,
      name: `Two Servers ${tag}`,
      role,
      passwordHash,
      regions: role === "CASEWORKER" ? { create: [{ regionId }] } : undefined,
    },
    select: { id: true, email: true, name: true },
  });
}

/** Server B's address: playwright.config.ts starts it on the port after A's. */
function serverB(origin: string): string {
  const url = new URL(origin);
  url.port = String(Number(url.port) + 1);
  return url.origin;
}

/**
 * A load balancer sends an idempotent request again when the connection to the server is reset
 * before any answer (a kept-alive socket the busy server closed); so does this one, once. Nothing
 * else is retried: a POST, or any answer at all, goes back to the browser as it came.
 */
async function forwardedOnce<T>(forward: () => Promise<T>, method: string): Promise<T> {
  try {
    return await forward();
  } catch (error) {
    if (!["GET", "HEAD"].includes(method) || !/ECONNRESET|socket hang up/.test(String(error))) throw error;
    return forward();
  }
}

/**
 * From now on the load balancer sends this page's requests to B. Returns the requests it carried,
 * so a test can show that the request it relies on reached B and not A. Redirects come back to
 * the browser, which follows them to the public origin and so to B again.
 */
async function throughB(page: Page, origin: string): Promise<string[]> {
  const carried: string[] = [];
  const b = serverB(origin);
  const host = new URL(origin).host;
  routedToB.push(page);
  await page.route(
    (url) => url.origin === origin,
    async (route) => {
      const request = route.request();
      const url = new URL(request.url());
      carried.push(`${request.method()} ${url.pathname}`);
      const headers = { ...(await request.allHeaders()), host };
      const forward = () => route.fetch({ url: `${b}${url.pathname}${url.search}`, headers, maxRedirects: 0 });
      await route.fulfill({ response: await forwardedOnce(forward, request.method()) });
    },
  );
  return carried;
}

const refused = (page: Page) => page.getByRole("alert").filter({ hasText: "Sign-in failed" });

test("a session opened on A is served by B, and signing out on A ends it on B at once", async ({ page, context, baseURL }) => {
  const account = await newAccount("AUDITOR");
  await signInThroughForm(page, account.email);
  await expect(page.getByTestId("signed-in-as")).toContainText(account.name);

  const onB = await context.newPage();
  const carried = await throughB(onB, baseURL!);
  await onB.goto("/cases");
  await expect(onB).toHaveURL(/\/cases$/);
  await expect(onB.getByTestId("signed-in-as")).toContainText(account.name);
  expect(carried).toContain("GET /cases");

  // Kept to be sent again: signing out removes the browser's cookie, and any server sends a
  // browser without one to sign-in. B has just accepted this very cookie, so only the session's
  // end, written by A to the database, can make B refuse it now.
  const cookies = await context.cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await context.addCookies(cookies);
  await onB.goto("/cases");
  await expect(onB).toHaveURL(/\/login$/);
  expect(carried.filter((r) => r === "GET /cases")).toHaveLength(2);
});

test("a case's edit form rendered by A is accepted by B, and a stale one is refused by B with the conflict message", async ({
  page,
  context,
  baseURL,
}) => {
  const caseworker = await newAccount("CASEWORKER");
  const operation = await db.returnOperation.findFirstOrThrow({ select: { code: true } });
  const { id: caseId } = await db.person.create({
    data: {
      caseNumber: fixtureCaseNumber(),
      familyName: "Двасервера",
      givenName: "Тест",
      familyNameLatin: "Dvaservera",
      givenNameLatin: "Test",
      searchName: "dvaservera test",
      sex: "MALE",
      birthDate: new Date("1990-01-01"),
      regionId,
      returnDate: new Date("2019-05-07"),
      returnOperationCode: operation.code,
      returnedFrom: "SY",
      ageCategory: "ADULT_MAN",
      caseworkerId: caseworker.id,
    },
    select: { id: true },
  });
  await signInThroughForm(page, caseworker.email);
  await expect(page.getByTestId("signed-in-as")).toContainText(caseworker.name);

  const stale = await context.newPage();
  await stale.goto(`/cases/${caseId}`);
  await stale.getByText("Edit details").click();

  await page.goto(`/cases/${caseId}`);
  await page.getByText("Edit details").click();
  const form = page.getByTestId("person-edit");
  await form.getByLabel("Address").fill("saved on A");
  await form.getByRole("button", { name: "Save details" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Details saved." })).toBeVisible();

  // B never saw A's save: a version kept by each server would let B take the stale form.
  const staleCarried = await throughB(stale, baseURL!);
  const staleForm = stale.getByTestId("person-edit");
  await staleForm.getByLabel("Address").fill("stale, sent to B");
  await staleForm.getByRole("button", { name: "Save details" }).click();
  await expect(staleForm.getByText("Someone changed this case after you opened it.")).toBeVisible();
  await expect(staleForm.getByLabel("Address")).toHaveValue("stale, sent to B");
  expect(staleCarried).toContain(`POST /cases/${caseId}`);
  expect((await db.person.findUniqueOrThrow({ where: { id: caseId }, select: { address: true } })).address).toBe("saved on A");

  // The form names its action by the build's id and carries the version A read: B must know both.
  await page.reload();
  await page.getByText("Edit details").click();
  const carried = await throughB(page, baseURL!);
  await form.getByLabel("Address").fill("rendered by A, saved by B");
  await form.getByRole("button", { name: "Save details" }).click();
  await expect(form.getByRole("status").filter({ hasText: "Details saved." })).toBeVisible();
  expect(carried).toContain(`POST /cases/${caseId}`);
  expect((await db.person.findUniqueOrThrow({ where: { id: caseId }, select: { address: true } })).address).toBe(
    "rendered by A, saved by B",
  );
});

test("an administrator's deactivation through B takes effect on A's next request", async ({ signedInAs, otherPage, baseURL }) => {
  const account = await newAccount("AUDITOR");
  const user = await otherPage();
  await signInThroughForm(user, account.email);
  await expect(user.getByTestId("signed-in-as")).toContainText(account.name);
  // A has served this session before the deactivation, so a server that kept what it once
  // checked would go on serving it.
  await user.getByRole("link", { name: "Cases" }).click();
  await expect(user).toHaveURL(/\/cases$/);

  const admin = await signedInAs("ADMINISTRATOR");
  const carried = await throughB(admin, baseURL!);
  await admin.goto(`/admin/users/${account.id}`);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(account.name);
  const box = admin.getByTestId("command-deactivate");
  await box.getByLabel("Reason").fill("Two servers test");
  await box.getByRole("checkbox").check();
  await box.getByRole("button").click();
  await expect(admin.getByTestId("account-state")).toContainText("Deactivated");
  expect(carried).toContain(`POST /admin/users/${account.id}`);

  await user.getByRole("link", { name: "Cases" }).click();
  await expect(user).toHaveURL(/\/login$/);
});

test("failed sign-ins on A and on B add up to the account's lock, which both then hold", async ({ page, context, baseURL }) => {
  // Seven sign-ins, each hashing a password with Argon2 on a shared two-core machine.
  test.slow();
  const account = await newAccount("AUDITOR");
  const onB = await context.newPage();
  const carried = await throughB(onB, baseURL!);
  // Three on A and two on B: a count kept by each server would stay below the lock's five on
  // both, and the right password would then be let in below.
  for (const [server, attempts] of [
    [page, 3],
    [onB, 2],
  ] as const) {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await signInThroughForm(server, account.email, `not the password ${attempt}`);
      await expect(refused(server)).toBeVisible();
    }
  }
  for (const server of [page, onB]) {
    await signInThroughForm(server, account.email);
    await expect(refused(server)).toBeVisible();
  }
  expect(carried.filter((r) => r === "POST /api/auth/callback/credentials")).toHaveLength(3);
});
