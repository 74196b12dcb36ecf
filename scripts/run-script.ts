import { ConfigError } from "../lib/db/config-error";

/** Runs a command-line entry point: a ConfigError becomes one line saying what to fix. */
export function runScript(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) console.error(`[${name}] ${error.message}`);
    else console.error(`[${name}] failed:`, error);
    process.exit(1);
  });
}
