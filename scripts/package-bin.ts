import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const NODE_MODULES = fileURLToPath(new URL("../node_modules/", import.meta.url));

/** The command-line entry of an installed package, read from its package.json (its exports may hide it). */
export function packageBin(name: string, bin: string): string {
  const manifest = JSON.parse(readFileSync(join(NODE_MODULES, name, "package.json"), "utf8")) as { bin: string | Record<string, string> };
  // A package with one command may name its file alone; the command is then the package's name.
  const entry = typeof manifest.bin === "string" ? (bin === name ? manifest.bin : undefined) : manifest.bin[bin];
  if (!entry) throw new Error(`${name} has no "${bin}" command`);
  return join(NODE_MODULES, name, entry);
}
