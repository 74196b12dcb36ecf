import type { NameSplitCode } from "./problems";

/**
 * Splits a full name written in one cell into family name, given name and patronymic, in the
 * order Russian and Kazakh registers write it («Иванов Иван Иванович»). A Kazakh patronymic may
 * be one word (Серікұлы) or two (Серік ұлы); both are kept as written. Where the words cannot be
 * assigned with confidence the split is refused with a code, never guessed: a name in the wrong
 * field would defeat the duplicate check.
 */
export type NameParts = { familyName: string; givenName: string; patronymic: string | null };
export type NameSplit = { ok: true; parts: NameParts } | { ok: false; code: NameSplitCode };

/** "son of" and "daughter of", in Kazakh Cyrillic (with and without its own letters) and Latin, and the Azerbaijani forms. */
const PARTICLES = new Set(["ұлы", "улы", "қызы", "кызы", "uly", "uli", "kyzy", "qyzy", "оглы", "огли", "ogly", "oglu"]);
const PATRONYMIC_ENDING = /(ұлы|улы|қызы|кызы|uly|kyzy|qyzy|ович|евич|ьич|овна|евна|ична|ovich|evich|ovna|evna|ichna)$/u;
const INITIALS = /^\p{L}\.(\p{L}\.?)?$/u;

const isParticle = (word: string) => PARTICLES.has(word.toLowerCase());
/** An ending alone, e.g. "ович", is no patronymic: there must be a name before it. */
const looksPatronymic = (word: string) => {
  const ending = PATRONYMIC_ENDING.exec(word.toLowerCase());
  return ending !== null && word.length > ending[0].length + 1;
};

function parts(familyName: string, givenName: string, patronymic: string | null): NameSplit {
  if (INITIALS.test(givenName) || (patronymic !== null && INITIALS.test(patronymic))) return { ok: false, code: "initials" };
  return { ok: true, parts: { familyName, givenName, patronymic } };
}

export function splitFullName(text: string): NameSplit {
  const words = text.split(/[\s,]+/u).filter((word) => word !== "");
  const [first = "", second = "", third = "", fourth = ""] = words;
  if (words.length <= 1) return { ok: false, code: "oneWord" };
  if (words.length > 4) return { ok: false, code: "tooManyWords" };
  const last = words[words.length - 1] ?? "";
  if (isParticle(last)) return words.length === 4 ? parts(first, second, `${third} ${fourth}`) : { ok: false, code: "ambiguous" };
  if (words.length === 2) return parts(first, second, null);
  if (words.length === 3) return parts(first, second, third);
  return looksPatronymic(fourth) ? parts(first, `${second} ${third}`, fourth) : { ok: false, code: "ambiguous" };
}
