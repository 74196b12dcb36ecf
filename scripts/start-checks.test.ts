import { describe, expect, it } from "vitest";
import { buildProblem } from "./build-artefact";
import { actionKeyError, actionKeyWarning, isActionKeyWellFormed } from "./start-checks";

const key = (bytes: number) => Buffer.alloc(bytes, 7).toString("base64");
const DEPLOYED = { DATABASE_URL: "postgresql://zhusan@db/zhusan", NODE_ENV: "production" };

describe("the server actions' encryption key", () => {
  it.each([
    ["16 bytes", key(16), true],
    ["24 bytes", key(24), true],
    ["32 bytes", key(32), true],
    ["31 bytes", key(31), false],
    ["64 bytes", key(64), false],
    ["not base64", "not a key at all!", false],
    ["base64url alphabet", Buffer.alloc(32, 251).toString("base64url"), false],
    ["padding cut off", key(16).replace(/=+$/, ""), false],
  ])("%s is %s", (_label, value, expected) => {
    expect(isActionKeyWellFormed(value)).toBe(expected);
  });

  it.each([
    ["a deployment without a key is warned about", DEPLOYED, true],
    ["a deployment with a key is not", { ...DEPLOYED, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key(32) }, false],
    ["ZHUSAN_NO_BUILD with a database counts as a deployment", { DATABASE_URL: DEPLOYED.DATABASE_URL, ZHUSAN_NO_BUILD: "1" }, true],
    ["one machine on its embedded database is not warned about", { NODE_ENV: "production" }, false],
    ["a development run on a database is not warned about", { DATABASE_URL: DEPLOYED.DATABASE_URL, NODE_ENV: "development" }, false],
  ])("%s", (_label, settings, warned) => {
    expect(actionKeyWarning(settings) !== null).toBe(warned);
  });

  it("a malformed key stops the start, on any machine, without printing the key", () => {
    const error = actionKeyError({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "c2hvcnQ=" });
    expect(error).toMatch(/16, 24 or 32-byte/);
    expect(error).not.toContain("c2hvcnQ=");
    expect(actionKeyError({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key(32) })).toBeNull();
    expect(actionKeyError({})).toBeNull();
  });
});

describe("the build artefact", () => {
  const A = "a".repeat(40);
  const B = "b".repeat(40);
  it.each([
    ["missing", { built: false, stamp: null, revision: A }, /no build/],
    ["from another commit", { built: true, stamp: B, revision: A }, /from commit bbbbbbbbbbbb, the sources are at aaaaaaaaaaaa/],
    ["unstamped while the sources name a commit", { built: true, stamp: null, revision: A }, /names no commit/],
  ])("%s cannot be served", (_label, state, problem) => {
    expect(buildProblem(state)).toMatch(problem);
  });

  it.each([
    ["from the sources' commit", { built: true, stamp: A, revision: A }],
    ["copied without git, so no commit to compare", { built: true, stamp: A, revision: null }],
  ])("%s can be served", (_label, state) => {
    expect(buildProblem(state)).toBeNull();
  });
});
