import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, type KeyObject } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";
import { ConfigError } from "../db/config-error";

/**
 * The Ed25519 keys that sign export manifests and chain checkpoints (docs/audit-chain.md,
 * docs/decisions/005-export-signing-key-outside-database.md). They live in files, never in the
 * database: whoever can rewrite the database must still not be able to sign what they wrote.
 *
 * The directory holds `keys.json`, the public list (what /api/signing-keys serves), and one
 * `<keyId>.pem` private key, the current one. A retired key's private half is deleted on
 * rotation, so it can sign nothing more; its public half stays listed with its validity period.
 * Every app server must see the same directory (a shared volume), or each would sign with a key
 * the others do not list.
 */
export const SIGNING_KEYS_FORMAT = "zhusan.signing-keys/1";

// Empty counts as unset, as for every variable of .env.example.
const SigningEnv = z.object({
  SIGNING_KEY_DIR: z.preprocess((value) => (value === "" ? undefined : value), z.string().default(".data/signing")),
});

export const PublicKeyEntry = z.object({
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  algorithm: z.literal("Ed25519"),
  /** The raw 32-byte public key, base64 (RFC 4648, with padding). */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  validFrom: z.iso.datetime(),
  /** Null for the current key. */
  validUntil: z.iso.datetime().nullable(),
});
export type PublicKeyEntry = z.infer<typeof PublicKeyEntry>;

export const PublicKeyList = z.object({ format: z.literal(SIGNING_KEYS_FORMAT), keys: z.array(PublicKeyEntry) });
export type PublicKeyList = z.infer<typeof PublicKeyList>;

export type ActiveKey = { keyId: string; privateKey: KeyObject };

export function signingKeyDir(): string {
  const parsed = SigningEnv.safeParse(process.env);
  if (!parsed.success) throw new ConfigError("SIGNING_KEY_DIR must name a directory");
  return resolve(parsed.data.SIGNING_KEY_DIR);
}

const listFile = (dir: string) => join(dir, "keys.json");
const privateFile = (dir: string, keyId: string) => join(dir, `${keyId}.pem`);

/** The key id: the first 16 hex digits of the SHA-256 of the raw public key, so anyone can recompute it. */
export function keyIdOf(rawPublicKey: Buffer): string {
  return createHash("sha256").update(rawPublicKey).digest("hex").slice(0, 16);
}

/** The raw 32 bytes of an Ed25519 public key (the last 32 bytes of its SPKI DER form). */
export function rawPublicKey(key: KeyObject): Buffer {
  return key.export({ format: "der", type: "spki" }).subarray(-32);
}

/** A public key from its raw 32 bytes, by prefixing the fixed SPKI header of Ed25519 (RFC 8410). */
export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), raw]), format: "der", type: "spki" });
}

/** The public list, or null when no key was ever made in this directory. */
export function readPublicKeys(dir = signingKeyDir()): PublicKeyList | null {
  if (!existsSync(listFile(dir))) return null;
  const parsed = PublicKeyList.safeParse(JSON.parse(readFileSync(listFile(dir), "utf8")));
  if (!parsed.success) throw new ConfigError(`${listFile(dir)} is not a ${SIGNING_KEYS_FORMAT} list`);
  return parsed.data;
}

/** The list to publish: made on first use, so a fresh installation never serves an empty one. */
export function publishedSigningKeys(dir = signingKeyDir()): PublicKeyList {
  activeSigningKey(dir);
  return readPublicKeys(dir)!;
}

/**
 * The current signing key, made on first use. Several servers starting at once race to link
 * their list into place; exactly one wins and the others drop their key and read the winner's.
 */
export function activeSigningKey(dir = signingKeyDir()): ActiveKey {
  const existing = readPublicKeys(dir);
  if (existing) return loadCurrent(dir, existing);
  // Only the key directory is owner-only: parents such as .data/ are shared with the embedded
  // PostgreSQL, which runs as another user and must still reach its own folder there.
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const made = makeKey(dir, new Date());
  const temp = join(dir, `keys.${randomUUID()}.json`);
  writeFileSync(temp, serialise({ format: SIGNING_KEYS_FORMAT, keys: [made.entry] }), { mode: 0o644 });
  try {
    linkSync(temp, listFile(dir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    rmSync(privateFile(dir, made.entry.keyId), { force: true });
  } finally {
    rmSync(temp, { force: true });
  }
  return loadCurrent(dir, readPublicKeys(dir)!);
}

/**
 * Retires the current key (its validity ends now, its private half is deleted) and makes a new
 * one valid from the same instant. Run on one machine at a time: `npm run signing:rotate`.
 */
export function rotateSigningKey(dir = signingKeyDir(), now = new Date()): { retired: string | null; current: PublicKeyEntry } {
  const list = readPublicKeys(dir);
  if (!list) {
    const key = activeSigningKey(dir);
    return { retired: null, current: readPublicKeys(dir)!.keys.find((k) => k.keyId === key.keyId)! };
  }
  const current = list.keys.find((key) => key.validUntil === null);
  const made = makeKey(dir, now);
  const keys = list.keys.map((key) => (key === current ? { ...key, validUntil: now.toISOString() } : key));
  const temp = join(dir, `keys.${randomUUID()}.json`);
  writeFileSync(temp, serialise({ format: SIGNING_KEYS_FORMAT, keys: [...keys, made.entry] }), { mode: 0o644 });
  renameSync(temp, listFile(dir));
  if (current) rmSync(privateFile(dir, current.keyId), { force: true });
  return { retired: current?.keyId ?? null, current: made.entry };
}

function makeKey(dir: string, now: Date): { entry: PublicKeyEntry } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const raw = rawPublicKey(publicKey);
  const keyId = keyIdOf(raw);
  writeFileSync(privateFile(dir, keyId), privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600, flag: "wx" });
  return { entry: { keyId, algorithm: "Ed25519", publicKey: raw.toString("base64"), validFrom: now.toISOString(), validUntil: null } };
}

function loadCurrent(dir: string, list: PublicKeyList): ActiveKey {
  const current = list.keys.find((key) => key.validUntil === null);
  if (!current) throw new ConfigError(`${listFile(dir)} lists no current signing key: run npm run signing:rotate`);
  const file = privateFile(dir, current.keyId);
  if (!existsSync(file))
    throw new ConfigError(
      `the private half of signing key ${current.keyId} is missing from ${dir}: every app server must share this directory`,
    );
  const privateKey = createPrivateKey(readFileSync(file, "utf8"));
  // A private file that does not match the listed public key would sign what nobody can verify.
  if (keyIdOf(rawPublicKey(createPublicKey(privateKey))) !== current.keyId)
    throw new ConfigError(`${file} does not hold the key listed as ${current.keyId}`);
  return { keyId: current.keyId, privateKey };
}

function serialise(list: PublicKeyList): string {
  return `${JSON.stringify(list, null, 2)}\n`;
}
