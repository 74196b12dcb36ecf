/**
 * `npm run bench -- 100000`: every benchmark in one run, on one machine, so that each figure
 * stands beside its floor and beside itself at a tenth of the size. Runs, one after another:
 * the registry paths (registry, search, case page, review queue, dashboard) at 10,000 persons
 * and at the size given, the exports at ten events per person, the case page of a long case, and
 * write throughput with 1, 4 and 16 writers. Each prints its own lines as it goes (app median and
 * 95th percentile beside the bare SQL or COPY doing the same work); at the end, the machine and
 * how each registry path grew from 10,000 persons to the size given. Printed, never asserted.
 * Uses TEST_DATABASE_URL's server, or an embedded one; each benchmark builds its throwaway data.
 */
import { spawn } from "node:child_process";
import { cpus, totalmem } from "node:os";
import { ConfigError } from "../lib/db/config-error";
import { runScript } from "./run-script";

const BASE = 10_000;

/** Runs `npm run <script> -- args`, echoing its output, and returns its lines. */
function run(script: string, args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", script, "--", ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output.split("\n")) : reject(new Error(`${script} exited with ${code}`))));
  });
}

/** The registry benchmark's medians by path: "label app p50 12.3 ms ..." gives label → 12.3. */
function medians(lines: string[]): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of lines) {
    const match = /^\[bench:registry\] (.+?)\s+app p50\s+([\d.]+) ms/.exec(line);
    if (match) found.set(match[1]!.trim(), Number(match[2]));
  }
  return found;
}

runScript("bench", async () => {
  const persons = Number(process.argv[2] ?? 100_000);
  if (!Number.isInteger(persons) || persons < BASE)
    throw new ConfigError(`give a number of persons of at least ${BASE}: npm run bench -- 100000`);
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`[bench] ${machine}; registry at ${BASE.toLocaleString("en")} and ${persons.toLocaleString("en")} persons`);

  const small = medians(await run("bench:registry", [String(BASE)]));
  const large = medians(await run("bench:registry", [String(persons)]));
  await run("bench:export", [String(BASE * 10), String(persons * 10)]);
  await run("bench:case-page", []);
  await run("bench:writes", ["1", "4", "16"]);

  console.log(`\n[bench] ${machine}`);
  console.log(
    `[bench] growth of each registry path from ${BASE.toLocaleString("en")} to ${persons.toLocaleString("en")} persons (app medians):`,
  );
  for (const [label, at] of large) {
    const before = small.get(label);
    if (before)
      console.log(
        `[bench]   ${label.padEnd(48)} ${before.toFixed(1).padStart(8)} ms → ${at.toFixed(1).padStart(8)} ms  ×${(at / before).toFixed(2)}`,
      );
  }
});
