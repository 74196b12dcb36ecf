/**
 * Kazakhstan's individual identification number (IIN) (docs/domain.md, "Person"):
 * YYMMDD birth date; a 7th digit for century and sex (1/2: 1800s, 3/4: 1900s, 5/6: 2000s;
 * odd male, even female); four serial digits; a check digit.
 */
export type IinSex = "MALE" | "FEMALE";
export type IinProblem = "format" | "invalidDate" | "checkDigit" | "birthDateMismatch" | "sexMismatch";
export type IinCheck = { ok: true; birthDate: string; sex: IinSex } | { ok: false; problem: IinProblem };

const FIRST_WEIGHTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/** The check digit for the first eleven digits, or null when none exists (the number is unusable). */
export function iinCheckDigit(first11: string): number | null {
  const digits = [...first11].map(Number);
  const weighted = (weights: number[]) => digits.reduce((sum, d, i) => sum + d * (weights[i] ?? 0), 0) % 11;
  const first = weighted(FIRST_WEIGHTS);
  if (first !== 10) return first;
  const second = weighted(SECOND_WEIGHTS);
  return second === 10 ? null : second;
}

/** Checks an IIN, and its agreement with a known birth date (YYYY-MM-DD) and sex when given. */
export function checkIin(iin: string, known: { birthDate?: string; sex?: IinSex } = {}): IinCheck {
  if (!/^\d{12}$/.test(iin)) return { ok: false, problem: "format" };
  const centuryDigit = Number(iin[6]);
  if (centuryDigit < 1 || centuryDigit > 6) return { ok: false, problem: "format" };
  const century = 1800 + 100 * Math.floor((centuryDigit - 1) / 2);
  const year = century + Number(iin.slice(0, 2));
  const month = Number(iin.slice(2, 4));
  const day = Number(iin.slice(4, 6));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, problem: "invalidDate" };
  }
  if (iinCheckDigit(iin.slice(0, 11)) !== Number(iin[11])) return { ok: false, problem: "checkDigit" };
  const birthDate = date.toISOString().slice(0, 10);
  const sex: IinSex = centuryDigit % 2 === 1 ? "MALE" : "FEMALE";
  if (known.birthDate && known.birthDate !== birthDate) return { ok: false, problem: "birthDateMismatch" };
  if (known.sex && known.sex !== sex) return { ok: false, problem: "sexMismatch" };
  return { ok: true, birthDate, sex };
}

/** Builds the IIN for a birth date (YYYY-MM-DD), sex and serial; null when that serial has no check digit. */
export function makeIin(birthDate: string, sex: IinSex, serial: number): string | null {
  const year = Number(birthDate.slice(0, 4));
  const centuryIndex = Math.floor((year - 1800) / 100);
  if (centuryIndex < 0 || centuryIndex > 2) return null;
  const centuryDigit = centuryIndex * 2 + (sex === "MALE" ? 1 : 2);
  const first11 = `${birthDate.slice(2, 4)}${birthDate.slice(5, 7)}${birthDate.slice(8, 10)}${centuryDigit}${String(serial).padStart(4, "0")}`;
  const check = iinCheckDigit(first11);
  return check === null ? null : `${first11}${check}`;
}
