import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

// The project's own config, without type information: the import-boundary rule needs only the
// import paths, and a file that exists nowhere but here has no place in the TypeScript project.
const eslint = new ESLint({ cwd: ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId === "boundaries/dependencies").map((message) => message.message);
}

describe("the floors of lib/ (eslint.config.mjs)", () => {
  it("refuses an import from a lower folder of lib/ to a higher one", async () => {
    const errors = await boundaryErrors(
      "lib/audit/upward.ts",
      'import { getCase } from "../cases/get-case";\nexport const upward = getCase;\n',
    );
    expect(errors).toEqual([expect.stringContaining("lib/audit may not import lib/cases")]);
  });

  it("refuses an import between two folders on one floor", async () => {
    const errors = await boundaryErrors(
      "lib/auth/sideways.ts",
      'import { signDocument } from "../signing/signature";\nexport const sideways = signDocument;\n',
    );
    expect(errors).toEqual([expect.stringContaining("lib/auth may not import lib/signing")]);
  });

  it("refuses an import of a page from components/, through the @/ alias too, and allows its server actions", async () => {
    const errors = await boundaryErrors(
      "components/cases/upward.tsx",
      'import CasesPage from "@/app/(app)/cases/page";\nimport { signOutAction } from "@/app/actions";\nexport const upward = [CasesPage, signOutAction];\n',
    );
    expect(errors).toEqual([expect.stringContaining("components may not import app")]);
  });

  it("refuses every import of a new folder of lib/ until it has a floor", async () => {
    const errors = await boundaryErrors("lib/unplaced/new.ts", 'import { getDb } from "../db/client";\nexport const unplaced = getDb;\n');
    expect(errors).toEqual([expect.stringContaining("a folder of lib/ with no floor may not import lib/db")]);
  });

  it("allows an import from a higher folder of lib/ to a lower one", async () => {
    const errors = await boundaryErrors(
      "lib/cases/downward.ts",
      'import { recordAuditEvent } from "../audit/record-event";\nexport const downward = recordAuditEvent;\n',
    );
    expect(errors).toEqual([]);
  });
});
