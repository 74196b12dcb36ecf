/**
 * `npm run bench -- 100000`: every benchmark on one data build, in one run on one machine, so that
 * each figure stands beside its floor and beside itself at a tenth of the size. Builds a throwaway
 * database of 10,000 persons (aliases, prosecution histories, enrollments, needs and about 20 audit
 * events each), measures the registry paths (registry, search, case page, review queue, dashboard)
 * and the exports on it, grows the same database to the size given, measures them again, then the
 * case page of a long case, write throughput with 1, 4 and 16 writers, and the case page and a
 * note's save over HTTP from the production build with 1, 4 and 16 users. Each benchmark prints its
 * own lines as it goes; at the end, the machine and one table of every path: the app's median and
 * 95th percentile, the floor (the bare SQL or COPY doing the same work), the ratio, and the growth
 * from 10,000 persons to the size given. Printed, never asserted. Uses TEST_DATABASE_URL's server,
 * or an embedded one. A second number sets the smaller size (`npm run bench -- 2000 1000` for a
 * quick look).
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { Pool } from "pg";
import { ConfigError } from "../lib/db/config-error";
import { benchArgs, benchDatabase, type BenchResult, type Figure } from "./bench-common";
import { addPersons, prepare, settle } from "./bench-fixture";
import { runScript } from "./run-script";

const EVENTS_PER_PERSON = 20;

/** Runs `npm run <script> -- args`, its output shown as it comes. */
function run(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${script} exited with ${code}`))));
  });
}

async function results(file: string): Promise<BenchResult[]> {
  const text = await readFile(file, "utf8").catch(() => "");
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as BenchResult);
}

const figure = (f: Figure | null | undefined, unit: BenchResult["unit"]) =>
  !f
    ? ""
    : unit === "ms"
      ? `${f.p50.toFixed(1)}${f.p95 === undefined ? "" : ` / ${f.p95.toFixed(1)}`} ms`
      : `${Math.round(f.p50).toLocaleString("en")}/s`;
const ratio = (r: BenchResult | undefined) => (r?.floor ? (r.app.p50 / r.floor.p50).toFixed(2) : "");

/** The closing table, in Markdown so that it can go into the README as printed. */
function table(base: number, size: number, small: BenchResult[], large: BenchResult[]): string[] {
  const n = (x: number) => x.toLocaleString("en");
  const lines = [
    `| path | ${n(base)} persons: app p50 / p95 | floor | app ÷ floor | ${n(size)} persons: app p50 / p95 | floor | app ÷ floor | growth |`,
    "|---|---|---|---|---|---|---|---|",
  ];
  const labels = [...new Set([...small, ...large].map((r) => `${r.bench}\u0000${r.label}`))];
  for (const key of labels) {
    const [bench, label] = key.split("\u0000") as [string, string];
    const before = small.find((r) => r.bench === bench && r.label === label);
    const after = large.find((r) => r.bench === bench && r.label === label);
    const unit = (after ?? before)!.unit;
    const growth = before && after ? `×${(after.app.p50 / before.app.p50).toFixed(2)}` : "";
    lines.push(
      `| ${label} | ${figure(before?.app, unit)}${before?.note ? ` (${before.note})` : ""} | ${figure(before?.floor, unit)} | ${ratio(before)} | ${figure(after?.app, unit)}${after?.note ? ` (${after.note})` : ""} | ${figure(after?.floor, unit)} | ${ratio(after)} | ${growth} |`,
    );
  }
  return lines;
}

runScript("bench", async () => {
  const args = benchArgs();
  const size = args.numbers[0] ?? 100_000;
  const base = args.numbers[1] ?? 10_000;
  if (!Number.isInteger(size) || size <= base)
    throw new ConfigError(`give a number of persons above ${base.toLocaleString("en")}: npm run bench -- 100000`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`[bench] ${machine}; ${base.toLocaleString("en")} persons, then ${size.toLocaleString("en")}`);

  const folder = await mkdtemp(join(tmpdir(), "zhusan-bench-"));
  const database = await benchDatabase({ ...args, on: null }, "bench");
  const pool = new Pool({ connectionString: database.url, max: 2 });
  try {
    const setup = await prepare(pool);
    const grow = async (from: number, to: number) => {
      const started = Date.now();
      await addPersons(pool, setup, from, to, EVENTS_PER_PERSON);
      await settle(pool);
      console.log(
        `[bench] persons ${from.toLocaleString("en")}–${to.toLocaleString("en")} added with ${EVENTS_PER_PERSON} audit events each in ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    };
    const measure = async (persons: number, file: string, last: boolean) => {
      const on = ["--on", database.url, "--results", file];
      await run("bench:registry", [String(persons), ...on]);
      await run("bench:export", on);
      if (!last) return;
      await run("bench:case-page", on);
      await run("bench:writes", ["1", "4", "16", ...on]);
      await run("bench:http", ["1", "4", "16", ...on]);
    };
    const smallFile = join(folder, "small.jsonl");
    const largeFile = join(folder, "large.jsonl");
    await grow(0, base);
    await measure(base, smallFile, false);
    await grow(base, size);
    await measure(size, largeFile, true);

    console.log(
      `\n[bench] ${machine}; PostgreSQL ${(await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v}`,
    );
    console.log(
      "[bench] ms: lower is better, floor = the bare SQL giving the same answer (case page: the same case with 20 events); /s: higher is better, floor = COPY or a bare pg transaction\n",
    );
    for (const line of table(base, size, await results(smallFile), await results(largeFile))) console.log(line);
  } finally {
    await pool.end();
    await database.drop();
    await rm(folder, { recursive: true, force: true });
  }
});
