import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): slow enough to resist guessing,
// fast enough that a sign-in burst does not starve a 2-core server.
// algorithm 2 is Argon2id: the package exports it as a const enum, which isolated modules cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must read as a failed sign-in, never as an error page.
    return false;
  }
}

// Verified against when the account does not exist, so unknown and known e-mails take the same time.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("zhusan-timing-equaliser-not-a-password");
  return dummyHash;
}
