/**
 * What every benchmark script shares: its command line, the database it measures (its own fresh
 * one, or the one `npm run bench` built and names with `--on`), the timing of a path, and the
 * results file `npm run bench` gathers its closing table from (`--results`).
 */
import { appendFile } from "node:fs/promises";
import { createFreshDatabase } from "../lib/db/fresh-database";
import { applyMigrations } from "../lib/migrations/migrate";

/** A median and, where there were enough runs for one, a 95th percentile. */
export type Figure = { p50: number; p95?: number };
/** One measured path: a time in milliseconds (lower is better) or a rate per second (higher is better), beside its floor. */
export type BenchResult = {
  bench: string;
  label: string;
  unit: "ms" | "/s";
  app: Figure;
  floor: Figure | null;
  /** What else the run measured, printed beside the app's figure (an export's peak memory). */
  note?: string;
};

export type BenchArgs = { on: string | null; results: string | null; numbers: number[]; flags: Set<string> };

/** `script 10000 --on <url> --results <file> --flag`: numbers in order, the two named values, other flags. */
export function benchArgs(argv = process.argv.slice(2)): BenchArgs {
  const parsed: BenchArgs = { on: null, results: null, numbers: [], flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--on" || arg === "--results") parsed[arg === "--on" ? "on" : "results"] = argv[++i] ?? null;
    else if (/^\d+$/.test(arg)) parsed.numbers.push(Number(arg));
    else parsed.flags.add(arg);
  }
  return parsed;
}

/**
 * The database to measure: the one `--on` names, kept as it is, or a fresh migrated one dropped
 * afterwards. DATABASE_URL is set to it, since the app's client reads it on first use.
 */
export async function benchDatabase(args: BenchArgs, label: string): Promise<{ url: string; fresh: boolean; drop: () => Promise<void> }> {
  if (args.on) {
    process.env.DATABASE_URL = args.on;
    return { url: args.on, fresh: false, drop: async () => undefined };
  }
  const database = await createFreshDatabase(label);
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  return { url: database.url, fresh: true, drop: database.drop };
}

const WARM_UP = { runs: 10, ms: 1500 };

/**
 * The median and 95th percentile of `runs` runs of `work`, after warming it up for at least ten
 * runs and a second and a half: long enough for the app's pool to open its connections, for PostgreSQL
 * to settle on a plan for a named statement (it compares after five runs) and for the JavaScript
 * engine to compile the path's hot code, as it has in a server that has been up a while. With three
 * runs to warm up, the first path a benchmark measured paid for much of that and read twice its floor.
 */
export async function timed(work: () => Promise<unknown>, runs = 30): Promise<Required<Figure>> {
  const warming = performance.now();
  for (let i = 0; i < WARM_UP.runs || performance.now() - warming < WARM_UP.ms; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return percentiles(times);
}

export function percentiles(values: number[]): Required<Figure> {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}

/**
 * `users` loops at once for `seconds`, each timing its own calls of `work` (given its number):
 * the latencies' median and 95th percentile, calls per second in all, and the last number a call
 * returned (the bytes of an answer, say).
 */
export async function underLoad(
  users: number,
  seconds: number,
  work: (user: number) => Promise<number | void>,
): Promise<{ figure: Required<Figure>; rate: number; last: number }> {
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  const times: number[] = [];
  let last = 0;
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      while (performance.now() < until) {
        const at = performance.now();
        last = (await work(user)) ?? last;
        times.push(performance.now() - at);
      }
    }),
  );
  return { figure: percentiles(times), rate: times.length / ((performance.now() - started) / 1000), last };
}

/** Adds a result to the file `--results` names, one JSON line each; without it, nothing. */
export async function record(args: BenchArgs, result: BenchResult): Promise<void> {
  if (args.results) await appendFile(args.results, `${JSON.stringify(result)}\n`);
}
