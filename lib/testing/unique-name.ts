import { randomBytes } from "node:crypto";

// Consonants only: two random strings of them share few trigrams, so the registry's name
// similarity (lib/cases/possible-duplicates.ts) does not offer one test's person as another's
// duplicate. A fixed prefix or a shared given name adds common trigrams and did: over 44,850 pairs
// of "Имп" and ten consonants with the given name "Ерлан", 21 pairs crossed the threshold.
const CONSONANTS = "бвгдклмнпрстфхшз";

/** `count` Cyrillic consonants drawn at random. */
export function randomConsonants(count: number): string {
  return Array.from(randomBytes(count), (byte) => CONSONANTS[byte % CONSONANTS.length]).join("");
}

/** A family name no other test's person resembles. */
export const uniqueName = () => randomConsonants(12);

/** A given name to go with it, so that two test persons do not share the trigrams of one. */
export const uniqueGivenName = () => randomConsonants(6);
