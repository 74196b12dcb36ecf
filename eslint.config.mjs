import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import boundaries from "eslint-plugin-boundaries";
import prettier from "eslint-config-prettier/flat";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig, globalIgnores } from "eslint/config";
import tseslint from "typescript-eslint";

/**
 * The floors of lib/, lowest first (docs/decisions/014-layers-of-lib.md). A folder imports only
 * folders on floors below its own; folders on one floor do not import each other, so no import
 * loop between folders can form. A folder that needs a neighbour moves up a floor, or the shared
 * piece moves down to a floor of its own.
 * lib/testing and the *.test.ts files stand above every floor: a test sets up its data through
 * any domain function, and nothing but tests imports them.
 * Above lib/: app/, then components/, which imports from app/ only the server actions its forms
 * post to (the actions.ts files of app/). e2e/, scripts/ and prisma/ import lib/ too.
 */
const LIB_FLOORS = [
  // 0 the calendar: the day it is in Kazakhstan, beneath the way days are written
  ["calendar"],
  // 1 foundations: nothing from lib/ but the calendar (env is the file lib/env.ts)
  ["env", "errors", "i18n", "search", "db"],
  // 2 lifecycles: the enrollment and prosecution tables, statuses and steps as data
  ["lifecycles", "prosecution"],
  // 3 rules: facts and rules over the foundations
  ["four-eyes", "http", "policy", "tasks", "validation"],
  // 4 the record: the hash-chained audit events and their export format
  ["audit", "security"],
  // 5 identity
  ["auth", "signing", "reference-data"],
  // 6 gates: the case gate, the auditor's side of the record, the migration runner, the stored tasks
  ["access", "auditing", "migrations", "task-store"],
  // 7 to 9: the domain
  ["programs"],
  ["cases"],
  ["review", "transfers"],
  // 10 entry points: used by app/, scripts/ and tests only
  ["actions", "admin", "backup", "dashboard", "exports", "health", "home", "import", "jobs"],
];

const libType = (folder) => `lib/${folder}`;
const LIB_TYPES = LIB_FLOORS.flat().map(libType);
const EVERY_LIB_TYPE = [...LIB_TYPES, "lib/testing"];

const layerPolicies = LIB_FLOORS.flatMap((floor, index) => {
  const below = LIB_FLOORS.slice(0, index).flat().map(libType);
  return floor.map((folder) => ({
    from: { element: { type: libType(folder) } },
    allow: { to: { element: { type: [...below, "messages"] } } },
  }));
});

const allow = (from, to) => ({ from: { element: { type: from } }, allow: { to: { element: { type: to } } } });

export default defineConfig([
  globalIgnores([
    ".next/",
    ".data/",
    "lib/db/generated/",
    "test-results/",
    "playwright-report/",
    "coverage/",
    "docs/test-vectors/",
    "next-env.d.ts",
  ]),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A function that fulfils a Promise-returning contract (a test double, a test layer, a script's body) is async
      // without awaiting on purpose: async turns its throws into rejections, which its caller handles.
      "@typescript-eslint/require-await": "off",
      // A leading underscore marks a name left unused on purpose: a positional parameter an API requires, or a key
      // taken out of a rest object.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The few JavaScript config files are outside tsconfig.json (allowJs is off), so they get no type information.
    files: ["**/*.{js,mjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: "readonly" } },
  },

  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    extends: [nextPlugin.configs.recommended, nextPlugin.configs["core-web-vitals"], reactHooks.configs.flat.recommended],
  },

  {
    files: ["**/*.{ts,tsx}"],
    plugins: { boundaries },
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" } },
      "boundaries/elements": [
        ...LIB_FLOORS.flat()
          .filter((folder) => folder !== "env")
          .map((folder) => ({ type: libType(folder), pattern: `lib/${folder}`, partialMatch: false })),
        { type: "lib/testing", pattern: "lib/testing", partialMatch: false },
        // A folder of lib/ that LIB_FLOORS does not name yet: nothing may import it, and it may import nothing.
        { type: "a folder of lib/ with no floor", pattern: "lib/*", partialMatch: false },
        // Matched last, so only a file directly in lib/ falls to it: lib/env.ts.
        { type: libType("env"), pattern: "lib", partialMatch: false },
        { type: "app", pattern: "app", partialMatch: false },
        { type: "components", pattern: "components", partialMatch: false },
        { type: "e2e", pattern: "e2e", partialMatch: false },
        { type: "scripts", pattern: "scripts", partialMatch: false },
        { type: "prisma", pattern: "prisma", partialMatch: false },
        { type: "messages", pattern: "messages", partialMatch: false },
        { type: "types", pattern: "types", partialMatch: false },
        // Matched last: the config files at the top of the repository (proxy.ts, playwright.config.ts).
        { type: "root", pattern: ".", partialMatch: false },
      ],
      "boundaries/files": [
        { category: "test", pattern: "**/*.test.ts" },
        { category: "server-actions", pattern: "app/**/actions.ts" },
      ],
    },
    rules: {
      "boundaries/dependencies": [
        "error",
        {
          default: "disallow",
          checkUnknownLocals: true,
          message:
            "{{from.type}} may not import {{to.type}}: the allowed imports are in eslint.config.mjs (docs/decisions/014-layers-of-lib.md)",
          policies: [
            ...layerPolicies,
            allow("lib/testing", [...EVERY_LIB_TYPE, "root"]),
            {
              from: { file: { categories: "test" } },
              allow: { to: { element: { type: [...EVERY_LIB_TYPE, "prisma", "scripts", "messages", "root"] } } },
            },
            allow("app", [...LIB_TYPES, "components", "messages", "types"]),
            allow("components", [...LIB_TYPES, "messages", "types"]),
            // A form posts to its server action, a public endpoint that authorizes itself; the rest of app/ stays out of reach.
            { from: { element: { type: "components" } }, allow: { to: { file: { categories: "server-actions" } } } },
            allow("e2e", [...LIB_TYPES, "prisma", "messages", "root"]),
            allow("scripts", [...LIB_TYPES, "prisma", "root"]),
            allow("prisma", LIB_TYPES),
            allow("root", LIB_TYPES),
          ],
        },
      ],
    },
  },

  // Formatting belongs to Prettier alone: this turns off every rule that could disagree with it.
  prettier,
]);
