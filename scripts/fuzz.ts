/**
 * `npm run fuzz -- N`: the fuzz layer alone, with N generated inputs per server action (the
 * test run uses a few), against a fresh build and database like every browser test.
 * `FUZZ_SEED` picks another sequence of inputs.
 */
import { spawnSync } from "node:child_process";

const runs = process.argv[2] ?? "200";
if (!/^\d+$/.test(runs)) {
  console.error(`[fuzz] the number of inputs per action must be a whole number, not "${runs}"`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/test.ts", "e2e", "--project=fuzz", "--no-deps"], {
  stdio: "inherit",
  env: { ...process.env, FUZZ_RUNS: runs },
});
process.exit(result.status ?? 1);
