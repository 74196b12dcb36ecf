/**
 * `npm test`: every test layer, in order, failing if any fails.
 *   types  the TypeScript compiler over the whole tree, emitting nothing
 *   lint   ESLint over the whole tree (eslint.config.mjs), failing on any error or warning, and
 *          Prettier's check that every file is formatted as `npm run format` leaves it
 *   unit   vitest: unit and integration tests on a fresh PostgreSQL database (lib/testing/global-setup.ts)
 *   e2e    Playwright in Chromium against a production build and a fresh database with the demo data
 * `npm test -- lint` (or types, unit, e2e) runs one layer.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { randomBytes } from "node:crypto";
import { createFreshDatabase } from "../lib/db/fresh-database";
import { applyMigrations } from "../lib/migrations/migrate";
import { createDb } from "../lib/db/client";
import { seedDemoData } from "../prisma/seed/seed";
import { packageBin } from "./package-bin";

function run(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n[test] ${label}: ${[command, ...args].join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env });
  return result.status === 0;
}

async function types(): Promise<boolean> {
  return run("types", process.execPath, [packageBin("typescript", "tsc"), "--noEmit"]);
}

async function lint(): Promise<boolean> {
  const linted = run("lint", process.execPath, [packageBin("eslint", "eslint"), ".", "--max-warnings", "0"]);
  // Both run, so one answer lists the lint errors and the unformatted files together.
  const formatted = run("format", process.execPath, [packageBin("prettier", "prettier"), "--check", "."]);
  return linted && formatted;
}

// The names of the failing unit tests, repeated in the run's last lines: CI keeps only the tail of
// the output, and the browser layer's pages of output come after the unit layer's.
const failures: string[] = [];

async function unit(): Promise<boolean> {
  const report = join(mkdtempSync(join(tmpdir(), "zhusan-unit-")), "report.json");
  const passed = run("unit and integration", process.execPath, [
    packageBin("vitest", "vitest"),
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
  ]);
  if (!passed) failures.push(...failedUnitTests(report));
  return passed;
}

type VitestAssertion = { status: string; fullName: string; failureMessages?: string[] };
type VitestReport = { testResults?: { name: string; message?: string; assertionResults?: VitestAssertion[] }[] };

// A few lines of the first failure, so that a failure seen only once in CI can still be told apart.
const firstLines = (messages: string[] | undefined) =>
  (messages?.[0] ?? "")
    .split("\n")
    .slice(0, 6)
    .map((line) => `\n    ${line}`)
    .join("");

function failedUnitTests(reportPath: string): string[] {
  if (!existsSync(reportPath)) return ["(vitest wrote no report: see its output above)"];
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as VitestReport;
  return (report.testResults ?? []).flatMap((file) => {
    const path = relative(process.cwd(), file.name);
    const tests = (file.assertionResults ?? [])
      .filter((t) => t.status === "failed")
      .map((t) => `${path} > ${t.fullName}${firstLines(t.failureMessages)}`);
    return tests.length ? tests : file.message ? [`${path}: ${file.message.split("\n")[0]}`] : [];
  });
}

// `npm run test:e2e -- e2e/admin.spec.ts` runs one spec: what follows the layer goes to Playwright.
const playwrightArgs = process.argv.slice(3);

async function e2e(): Promise<boolean> {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!run("production build", process.execPath, [packageBin("next", "next"), "build"], env)) return false;

  const database = await createFreshDatabase("e2e");
  try {
    await applyMigrations(database.url);
    const db = createDb(database.url);
    try {
      await seedDemoData(db);
    } finally {
      await db.$disconnect();
    }
    return run("browser", process.execPath, [packageBin("@playwright/test", "playwright"), "test", ...playwrightArgs], {
      ...env,
      E2E_DATABASE_URL: database.url,
      E2E_NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
    });
  } finally {
    await database.drop();
  }
}

// The cheap layers first: a type or lint error fails the run before the database and the browser start.
const LAYERS = { types, lint, unit, e2e } as const;
type Layer = keyof typeof LAYERS;
const LAYER_NAMES = Object.keys(LAYERS) as Layer[];

async function main() {
  const requested = process.argv[2];
  const layers = requested ? LAYER_NAMES.filter((layer) => layer === requested) : LAYER_NAMES;
  if (layers.length === 0) {
    console.error(`[test] unknown layer "${requested}": use one of ${LAYER_NAMES.join(", ")}`);
    process.exit(2);
  }
  const failed: Layer[] = [];
  for (const layer of layers) if (!(await LAYERS[layer]())) failed.push(layer);
  for (const failure of failures) console.log(`[test] failed: ${failure}`);
  console.log(failed.length ? `\n[test] failing layers: ${failed.join(", ")}` : `\n[test] every layer passed: ${layers.join(", ")}`);
  process.exit(failed.length ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error("[test] could not run the tests:", error);
  process.exit(1);
});
