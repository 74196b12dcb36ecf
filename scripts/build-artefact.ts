import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/**
 * The build in .next is one artefact, made by `npm run build` and run by any number of app
 * servers (docs/decisions/007-build-once-run-many.md). It carries the commit it was built from,
 * so a server refuses to serve a build that does not match its sources.
 */
const BUILD_ID = ".next/BUILD_ID";
const BUILD_STAMP = ".next/zhusan-source-revision";

/** The commit of the sources; null where there is no git, e.g. a copied release folder. */
export function sourceRevision(): string | null {
  const result = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

export function writeBuildStamp(revision: string | null = sourceRevision()): void {
  if (revision) writeFileSync(BUILD_STAMP, `${revision}\n`);
}

export type BuildState = { built: boolean; stamp: string | null; revision: string | null };

export function readBuildState(): BuildState {
  return {
    built: existsSync(BUILD_ID),
    stamp: existsSync(BUILD_STAMP) ? readFileSync(BUILD_STAMP, "utf8").trim() : null,
    revision: sourceRevision(),
  };
}

/**
 * Why the build cannot be served as it is, or null when it can. Without git the sources name no
 * commit, so a present build is taken as the release it was copied with.
 */
export function buildProblem({ built, stamp, revision }: BuildState): string | null {
  if (!built) return "there is no build in .next";
  if (revision === null || stamp === revision) return null;
  if (stamp === null) return `the build in .next names no commit, the sources are at ${revision.slice(0, 12)}`;
  return `the build in .next is from commit ${stamp.slice(0, 12)}, the sources are at ${revision.slice(0, 12)}`;
}
