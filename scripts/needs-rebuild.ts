/**
 * `npm run needs:rebuild`: compares the program needs that triggers keep in person_need with a
 * full recomputation by the rule (lib/programs/required-needs-sql.ts), recomputes every person's
 * needs, and compares again. Prints both counts; exit code 1 if they still differ. Needed only if
 * the table was edited by hand, or a trigger was disabled while rows changed.
 */
import { createDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/resolve-database";
import { needsDrift, rebuildNeeds } from "../lib/programs/needs-drift";
import { runScript } from "./run-script";

runScript("needs:rebuild", async () => {
  const database = await resolveDatabase();
  const db = createDb(database.url);
  try {
    console.log(`[needs:rebuild] ${database.describe}: ${await needsDrift(db)} needs rows differed from the rule before`);
    const started = Date.now();
    await rebuildNeeds(db);
    const after = await needsDrift(db);
    console.log(`[needs:rebuild] rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s; ${after} differ now`);
    if (after !== 0) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
