import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { parseIntoClientConfig } from "pg-connection-string";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

export type SchemaEngine = bindings.SchemaEngine;

let initialised: Promise<void> | undefined;

// The package's ESM entry imports a .wasm file, which plain Node refuses; so the module is
// instantiated here by hand, once per process (docs/decisions/001-wasm-migration-runner.md).
function initialiseWasm(): Promise<void> {
  initialised ??= (async () => {
    // The engine reports a Rust panic through this global; without it the real message is lost.
    const registry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message: (message: string) => void } };
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      set_message: (message) => console.error(`[schema engine] panic: ${message}`),
    };
    const bindingsFile = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmFile = join(dirname(bindingsFile), "schema_engine_bg.wasm");
    const imports = { "./schema_engine_bg.js": bindings } as unknown as WebAssembly.Imports;
    const { instance } = await WebAssembly.instantiate(await readFile(wasmFile), imports);
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start: () => void };
    bindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return initialised;
}

// pg's OID of the one-byte "char" type, which the catalogue uses (e.g. pg_constraint.contype).
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type Queryable = {
  dispose: () => Promise<void>;
  queryRaw: (query: object) => Promise<{ columnTypes: number[] }>;
  executeScript?: (script: string) => Promise<void>;
  underlyingDriver?: () => unknown;
  onError?: (error: unknown) => never;
  performIO: (query: object) => Promise<{ fields: { dataTypeID: number }[] }>;
  startTransaction?: (...args: unknown[]) => Promise<unknown>;
};

/**
 * Two gaps in @prisma/adapter-pg 7.10 that only the migration engine meets; this wraps the
 * engine's connections, never the app's client:
 * - it maps no column type for "char", so the engine cannot describe a database (needed to
 *   replay migrations in a shadow database). Its values arrive as strings already, so the
 *   column is reported as text;
 * - it runs a script by splitting it on every ";", which breaks any function body. PostgreSQL's
 *   simple query protocol runs a whole multi-statement script as sent.
 */
function adaptForSchemaEngine<T>(queryable: T): T {
  const target = queryable as unknown as Queryable;
  const charColumns = new WeakMap<object, number[]>();
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    const found: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      found.push(index);
    });
    charColumns.set(query, found);
    return result;
  };
  const queryRaw = target.queryRaw.bind(target);
  target.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumns.get(query) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  if (target.startTransaction) {
    const startTransaction = target.startTransaction.bind(target);
    target.startTransaction = async (...args) => adaptForSchemaEngine(await startTransaction(...args));
  }
  const driver = target.underlyingDriver?.();
  if (target.executeScript && driver instanceof pg.Pool) {
    target.executeScript = async (script) => {
      try {
        await driver.query(script);
      } catch (error) {
        // The adapter's own translation into an error the engine understands.
        if (target.onError) target.onError(error);
        throw error;
      }
    };
  }
  return queryable;
}

async function runAsAdmin(config: pg.ClientConfig, sql: string): Promise<void> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * The adapter's own shadow database cannot serve here: given a connection string it replays the
 * migrations into the real database, and it drops the shadow database while still connected to
 * it. So the shadow database is made, connected to with separate fields, and force-dropped here.
 */
async function connectToShadowDatabase(config: pg.ClientConfig) {
  const database = `prisma_migrate_shadow_db_${randomUUID()}`;
  await runAsAdmin(config, `CREATE DATABASE "${database}"`);
  const adapter = adaptForSchemaEngine(await new PrismaPg({ ...config, database }).connect());
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await runAsAdmin(config, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  };
  return adapter;
}

function engineAdapterFactory(url: string) {
  const config = parseIntoClientConfig(url);
  const factory = new PrismaPg(config);
  return bindMigrationAwareSqlAdapterFactory({
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => adaptForSchemaEngine(await factory.connect()),
    connectToShadowDb: () => connectToShadowDatabase(config),
  });
}

/** Runs `work` with a schema engine connected to `url`, and always frees the engine. */
export async function withSchemaEngine<T>(url: string, datamodel: string, work: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await initialiseWasm();
  const engine = await bindings.SchemaEngine.new({ datamodels: [["schema.prisma", datamodel]] }, () => {}, engineAdapterFactory(url));
  try {
    return await work(engine);
  } finally {
    engine.free();
  }
}
