/**
 * `npm run needs:rebuild`: compares what triggers keep (the program needs in person_need, and the
 * dashboard's figures in person_figures and dashboard_tally) with a full recomputation by the
 * same rules, recomputes every person's needs and figures, and compares again. Prints the counts
 * before and after; exit code 1 if they still differ. Needed only if a table was edited by hand,
 * or a trigger was disabled while rows changed.
 */
import { createDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/resolve-database";
import { figuresDrift, rebuildFigures, type FiguresDrift } from "../lib/dashboard/figures-drift";
import { needsDrift, rebuildNeeds } from "../lib/programs/needs-drift";
import { runScript } from "./run-script";

const described = (needs: number, figures: FiguresDrift) =>
  `${needs} needs rows, ${figures.persons} persons' figures and ${figures.tallies} dashboard counts differ`;

runScript("needs:rebuild", async () => {
  const database = await resolveDatabase();
  const db = createDb(database.url);
  try {
    console.log(`[needs:rebuild] ${database.describe}: before, ${described(await needsDrift(db), await figuresDrift(db))}`);
    const started = Date.now();
    // The needs first: the figures are read from them.
    await rebuildNeeds(db);
    await rebuildFigures(db);
    const [needs, figures] = [await needsDrift(db), await figuresDrift(db)];
    console.log(`[needs:rebuild] rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s; now ${described(needs, figures)}`);
    if (needs !== 0 || figures.persons !== 0 || figures.tallies !== 0) process.exitCode = 1;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
