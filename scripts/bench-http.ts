/**
 * `npm run bench:http -- 1 4 16`: the case page and a note's save as people meet them, over HTTP
 * from the production build, with that many users at once (each on a case of their own, for a few
 * seconds per figure). A browser signs in as the benchmark's caseworker and saves one note on the
 * case page; that request, byte for byte (headers, router state, multipart body), is then sent
 * again by every user, each with their own case's id in it, so the server does what a save from
 * the page costs (the write, then the page's answer) without the browser's own time. Prints the
 * median and 95th percentile of each, beside its floor: the sign-in page (a page of this app that
 * reads nothing) for the case page, and a bare `pg` transaction writing the same note and event for
 * the save. Printed, never asserted. Builds the app first if .next holds no build of this commit.
 * Uses TEST_DATABASE_URL's server, or an embedded one, with 10,000 persons of the benchmark's data;
 * with `--on <url>`, the database `npm run bench` built.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chromium } from "@playwright/test";
import { Pool } from "pg";
import { createPool } from "../lib/db/client";
import playwrightConfig from "../playwright.config";
import { hashPassword } from "../lib/auth/password";
import { freePort } from "../lib/db/fresh-database";
import { JOBS_SCHEMA, QUEUES } from "../lib/jobs/job-queues";
import { buildProblem, readBuildState } from "./build-artefact";
import { bareNote } from "./bench-bare";
import { benchArgs, benchDatabase, record, underLoad, type Figure } from "./bench-common";
import { fill, loadFixture, settle } from "./bench-fixture";
import { runScript } from "./run-script";

const SECONDS = 5;
const NOTE = "Беседа с матерью; ребёнок ходит в школу";
const args = benchArgs();

/** Starts the app as `npm start` serves it, on a port of its own, and waits until it answers. */
async function startServer(databaseUrl: string): Promise<{ origin: string; server: ChildProcess }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: randomBytes(32).toString("hex"), NEXTAUTH_URL: origin },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let tries = 0; tries < 240; tries++) {
    const up = await fetch(`${origin}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { origin, server };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  server.kill();
  throw new Error("the app did not start within two minutes");
}

/**
 * Waits until the jobs a starting server runs are done (the first one recomputes every case's
 * tasks, minutes at 100,000 persons), then refreshes the planner's statistics of what they wrote:
 * the figures are those of a server at work, not of one catching up.
 */
async function settled(pool: Pool): Promise<void> {
  const state = `SELECT count(*) FILTER (WHERE state IN ('created', 'retry', 'active') AND start_after <= now())::int AS due,
                        count(*) FILTER (WHERE name = $1 AND state = 'completed')::int AS done
                 FROM ${JOBS_SCHEMA}.job`;
  for (let waited = 0; waited < 900; waited += 2) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    // Until the server has made its queue's tables, there is nothing to read yet.
    const row = (await pool.query<{ due: number; done: number }>(state, [QUEUES.recomputeTasks]).catch(() => null))?.rows[0];
    if (row && row.due === 0 && row.done > 0) break;
  }
  await settle(pool);
}

/** The note's save as the browser sends it, captured once from the real page. */
type Captured = { url: string; headers: Record<string, string>; body: Buffer; caseId: string };

async function captureSave(origin: string, email: string, password: string, caseId: string): Promise<{ save: Captured; cookie: string }> {
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    const context = await browser.newContext({ baseURL: origin });
    const page = await context.newPage();
    await page.goto("/login");
    await page.locator("form[data-ready=true]").waitFor();
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname !== "/login");
    await page.goto(`/cases/${caseId}`);
    const sent = page.waitForRequest((request) => request.method() === "POST" && request.headers()["next-action"] !== undefined);
    await page.locator("#noteBody").fill(NOTE);
    await page.getByRole("button", { name: "Add note" }).click();
    const request = await sent;
    await request.response();
    const headers = Object.fromEntries(
      Object.entries(await request.allHeaders()).filter(([name]) => !name.startsWith(":") && name !== "content-length"),
    );
    const cookies = await context.cookies();
    return {
      save: { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0), caseId },
      cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; "),
    };
  } finally {
    await browser.close();
  }
}

/** The captured save, for another case: its id replaced wherever the page put it (address, router state, form). */
function saveFor(save: Captured, caseId: string): { url: string; headers: Record<string, string>; body: Buffer } {
  const swap = (text: string) => text.split(save.caseId).join(caseId);
  return {
    url: swap(save.url),
    headers: Object.fromEntries(Object.entries(save.headers).map(([name, value]) => [name, swap(value)])),
    body: Buffer.from(swap(save.body.toString("latin1")), "latin1"),
  };
}

type Load = Awaited<ReturnType<typeof underLoad>>;

/** Prints a path beside its floor (with the size of the path's answer) and adds it to the results. */
async function report(label: string, app: Load, floorLabel: string, floor: Load) {
  const ms = (f: Required<Figure>) => `p50 ${f.p50.toFixed(1).padStart(7)} ms p95 ${f.p95.toFixed(1).padStart(7)} ms`;
  const rate = (load: Load) => `${load.rate.toFixed(0).padStart(4)}/s`;
  console.log(
    `[bench:http] ${label.padEnd(34)} ${ms(app.figure)} ${rate(app)} ${(app.last / 1024).toFixed(0)} KB   ${floorLabel} ${ms(floor.figure)} ${rate(floor)}`,
  );
  await record(args, { bench: "http", label, unit: "ms", app: app.figure, floor: floor.figure });
}

async function fetched(url: string, init: RequestInit): Promise<number> {
  const response = await fetch(url, { ...init, redirect: "manual" });
  const body = await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${init.method ?? "GET"} ${url} answered ${response.status}`);
  return body.byteLength;
}

runScript("bench:http", async () => {
  const levels = args.numbers.filter((n) => n > 0);
  if (levels.length === 0) levels.push(1, 4, 16);
  const problem = buildProblem(readBuildState());
  if (problem) {
    console.log(`[bench:http] ${problem}: npm run build`);
    if (spawnSync("npm", ["run", "--silent", "build"], { stdio: "inherit" }).status !== 0) throw new Error("the build failed");
  }
  const database = await benchDatabase(args, "bench_http");
  const pool = createPool(database.url, Math.max(...levels) + 2);
  let server: ChildProcess | undefined;
  try {
    const fx = database.fresh ? await fill(pool, 10_000, 20) : await loadFixture(pool);
    const password = randomBytes(18).toString("base64url");
    await pool.query(`UPDATE app_user SET password_hash = $2 WHERE id = $1`, [fx.caseworker.id, await hashPassword(password)]);
    const { rows } = await pool.query<{ id: string }>(`SELECT id FROM person WHERE caseworker_id = $1 ORDER BY case_number LIMIT $2`, [
      fx.caseworker.id,
      Math.max(...levels),
    ]);
    const cases = rows.map((r) => r.id);
    if (cases.length < Math.max(...levels))
      throw new Error(`the caseworker has ${cases.length} cases, fewer than ${Math.max(...levels)} users`);

    const started = await startServer(database.url);
    server = started.server;
    await settled(pool);
    const { save, cookie } = await captureSave(started.origin, `bench-caseworker@bench.example.org`, password, cases[0]!);
    const notesBefore = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM note WHERE person_id = ANY($1)`, [cases]);
    let saves = 0;
    let bareNotes = 0;

    for (const users of levels) {
      const page = await underLoad(users, SECONDS, (user) => fetched(`${started.origin}/cases/${cases[user]}`, { headers: { cookie } }));
      const signIn = await underLoad(users, SECONDS, () => fetched(`${started.origin}/login`, {}));
      const saved = await underLoad(users, SECONDS, (user) => {
        const request = saveFor(save, cases[user]!);
        saves++;
        return fetched(request.url, { method: "POST", headers: { ...request.headers, cookie }, body: new Uint8Array(request.body) });
      });
      const bare = await underLoad(users, SECONDS, (user) => {
        bareNotes++;
        return bareNote(pool, fx.caseworker, cases[user]!, NOTE);
      });
      await report(`case page over HTTP, ${users} user(s)`, page, "sign-in page", signIn);
      await report(`note save over HTTP, ${users} user(s)`, saved, "bare pg", bare);
    }
    // Every save answered 200; this says each also wrote its note.
    const notesAfter = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM note WHERE person_id = ANY($1)`, [cases]);
    console.log(
      `[bench:http] ${saves} saves sent over HTTP and ${bareNotes} bare transactions; notes on these cases grew by ${Number(notesAfter.rows[0]?.n) - Number(notesBefore.rows[0]?.n)}`,
    );
  } finally {
    server?.kill();
    await pool.end();
    await database.drop();
  }
});
