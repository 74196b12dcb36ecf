/**
 * `npm run import -- FILE --as EMAIL --dry-run`: the persons preview of a spreadsheet, printed as
 * a table and a summary, as that supervisor would see it on /import (their regions, their
 * duplicate lookups, audited as theirs; the preview is kept as a batch, as on the page).
 * `--mapping NAME` reads the file with a mapping saved on /import by the supervisors of one of the
 * account's regions (an office's own headers and words), as the page would apply it.
 * `npm run import -- FILE --as EMAIL --reason TEXT [--duplicates create|skip]`: previews, then
 * commits as that supervisor's account, their scope applying to every row. A file with possible
 * duplicates is committed only with `--duplicates` deciding them all alike; to join a row to an
 * existing case, decide on the batch's page instead. For the initial bulk load by the people who
 * operate the server (DATABASE_URL, or the embedded one).
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../lib/db/config-error";
import { getDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/resolve-database";
import { applyMigrations } from "../lib/migrations/migrate";
import type { CurrentUser } from "../lib/auth/session-store";
import { commitImportBatch } from "../lib/import/commit-persons";
import type { ImportMapping } from "../lib/import/mapping";
import { loadMappingByName } from "../lib/import/saved-mappings";
import { DomainError } from "../lib/errors/domain-error";
import { previewPersonsImport, type PreviewRow } from "../lib/import/preview-persons";
import { ImportCommitInput, uploadedFileName } from "../lib/validation/import";
import { runScript } from "./run-script";

const USAGE = "npm run import -- FILE --as EMAIL [--mapping NAME] (--dry-run | --reason TEXT [--duplicates create|skip])";

async function supervisorAccount(email: string): Promise<CurrentUser> {
  const user = await getDb().user.findUnique({ where: { email }, include: { regions: true } });
  if (!user || !user.active) throw new ConfigError(`no active account ${email}`);
  // The same refusal as the page's: only supervisors import, into their own regions.
  if (user.role !== "SUPERVISOR") throw new ConfigError(`${email} is not a supervisor: only supervisors import`);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    regionIds: user.regions.map((r) => r.regionId),
    sessionId: "command-line",
    mustChangePassword: false,
    secondFactorPending: false,
    secondFactorMissing: false,
  };
}

/** A saved mapping the account may use, by its name; a name it may not see reads as unknown. */
async function namedMapping(user: CurrentUser, name: string): Promise<ImportMapping> {
  try {
    return await loadMappingByName(user, name);
  } catch (error) {
    if (error instanceof DomainError)
      throw new ConfigError(`no usable saved mapping named "${name}" in ${user.email}'s regions (${error.message})`);
    throw error;
  }
}

function findings(row: PreviewRow): string {
  return [
    ...row.problems.map((p) => `${p.field}${p.column === null ? "" : ` (column ${p.column})`}: ${p.code}`),
    ...row.sameInFile.map((s) => `same person as row ${s.row} (${s.why})`),
    ...(row.registry?.inReach ?? []).map((m) => `possibly ${m.caseNumber} ${m.name} (${m.why})`),
    ...(row.registry?.elsewhere ?? []).map((m) => `possibly registered in ${m.region.en} (${m.why})`),
  ].join("; ");
}

runScript("import", async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      as: { type: "string" },
      mapping: { type: "string" },
      "dry-run": { type: "boolean" },
      reason: { type: "string" },
      duplicates: { type: "string" },
    },
  });
  const path = positionals[0];
  if (!path || !values.as) throw new ConfigError(`give the file and the supervisor's account: ${USAGE}`);
  if (!values["dry-run"] && !values.reason?.trim()) throw new ConfigError(`a commit needs a reason: ${USAGE}`);
  if (values.duplicates !== undefined && values.duplicates !== "create" && values.duplicates !== "skip")
    throw new ConfigError(`--duplicates is create or skip: ${USAGE}`);
  const bytes = new Uint8Array(await readFile(path));
  const database = await resolveDatabase();
  try {
    console.log(`[import] ${database.describe}`);
    if (database.embedded) await applyMigrations(database.url);
    // The domain functions use the process-wide client, which reads the server from here.
    process.env.DATABASE_URL = database.url;
    const user = await supervisorAccount(values.as.trim());
    const mapping = values.mapping === undefined ? undefined : await namedMapping(user, values.mapping);
    const started = performance.now();
    const preview = await previewPersonsImport(user, { name: uploadedFileName(basename(path)), bytes }, { via: "command", mapping });
    if (preview.status === "refused") throw new ConfigError(`the file is refused: ${JSON.stringify(preview.problem)}`);
    if (preview.status === "limited") throw new ConfigError(`the hourly allowance of ${preview.rowsPerHour} import rows is used up`);
    console.table(preview.rows.map((row) => ({ row: row.row, key: row.key ?? "", name: row.name, findings: findings(row) })));
    const { counts } = preview;
    console.log(
      `[import] sheet "${preview.sheet}": ${counts.rows} rows, ${counts.ready} ready, ${counts.withProblems} with problems, ` +
        `${counts.possibleDuplicates} possible duplicates (${Math.round(performance.now() - started)} ms); batch ${preview.batchId}`,
    );
    if (values["dry-run"]) return;

    const flagged = preview.rows.filter((row) => row.problems.length === 0 && findings(row) !== "");
    if (flagged.length > 0 && values.duplicates === undefined)
      throw new ConfigError(
        `rows ${flagged.map((r) => r.row).join(", ")} are possible duplicates: decide them on /import/batches/${preview.batchId}, or pass --duplicates create|skip`,
      );
    const decisions = Object.fromEntries(flagged.map((row) => [`decision-${row.row}`, values.duplicates ?? "create"]));
    const input = ImportCommitInput.parse({ batchId: preview.batchId, reason: values.reason, aliasType: "TRANSLITERATION", ...decisions });
    const committed = await commitImportBatch(user, input);
    const c = committed.counts;
    console.log(
      `[import] committed as ${user.email}: ${c.created} created, ${c.linked} joined, ${c.skipped} skipped, ` +
        `${c.alreadyImported} already imported, ${c.errors} errors (${Math.round(performance.now() - started)} ms)`,
    );
    for (const sheet of committed.linked)
      console.log(
        `[import] ${sheet.kind} sheet "${sheet.sheet}": ${sheet.created} written, ${sheet.alreadyImported} already imported, ${sheet.errors} errors`,
      );
  } finally {
    await getDb().$disconnect();
    await database.stop();
  }
});
