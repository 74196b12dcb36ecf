import { neutraliseFormula } from "../security/formula-cells";
import { IsoDate } from "../validation/fields";
import { checkIin } from "../validation/iin";
import type { ValueProblemCode } from "./problems";
import { textKey } from "./text-key";
import { isUnreadable, type Cell } from "./sheet";

/**
 * Turns one read cell into the value a field needs, or says why it cannot, with a code the
 * screen renders from `import.problems`. An empty cell is `value: null`: whether a field may be
 * empty is for the field's own schema to say. Dates and IINs are judged by the rules the forms
 * use (`IsoDate`, `checkIin`), so an import accepts exactly what a person could type.
 */
export type Normalised<T> = { ok: true; value: T | null } | { ok: false; code: ValueProblemCode };

const fail = (code: ValueProblemCode) => ({ ok: false, code }) as const;

/**
 * A value as text, trimmed. A NUL byte is refused (PostgreSQL cannot store it in text); a value
 * a spreadsheet program would run as a formula gets the apostrophe exports put in front
 * (`lib/security/formula-cells.ts`), so the file cannot plant a formula in a later export or download.
 */
export function readText(cell: Cell, maxLength: number): Normalised<string> {
  if (isUnreadable(cell)) return fail(cell.problem);
  if (cell === null) return { ok: true, value: null };
  if (typeof cell === "boolean" || cell instanceof Date) return fail("notText");
  const text = String(cell).trim();
  if (text.includes("\u0000")) return fail("nulByte");
  if (text === "") return { ok: true, value: null };
  const safe = neutraliseFormula(text);
  return safe.length > maxLength ? fail("tooLong") : { ok: true, value: safe };
}

/** Several values in one cell, separated by commas or semicolons (aliases); each is read as text, repeats dropped. */
export function readList(cell: Cell, maxItemLength: number): Normalised<string[]> {
  const whole = readText(cell, Number.POSITIVE_INFINITY);
  if (!whole.ok) return whole;
  if (whole.value === null) return { ok: true, value: null };
  const items: string[] = [];
  // Split the cell as written, so a neutralised first item does not keep its apostrophe on the whole cell.
  // readText took it, so it is text or a number.
  const written = cell as string | number;
  for (const part of String(written).split(/[,;]/)) {
    const item = readText(part, maxItemLength);
    if (!item.ok) return item;
    if (item.value !== null && !items.includes(item.value)) items.push(item.value);
  }
  return { ok: true, value: items.length > 0 ? items : null };
}

/** The 1900 date system: day 1 is 1900-01-01, and day 60 is 29 February 1900, which Excel counts though it never was. */
const EXCEL_DAY_ONE = Date.UTC(1899, 11, 31);
const EXCEL_PHANTOM_LEAP_DAY = 60;
/** 31 December 9999, Excel's last day; a larger number is no date at all. */
const EXCEL_LAST_DAY = 2_958_465;
const DAY_MS = 24 * 60 * 60 * 1000;

type Day = { day: string } | { problem: ValueProblemCode };

function fromDate(date: Date): Day {
  const year = date.getUTCFullYear();
  // Outside years 0-9999 toISOString writes a signed six-digit year, or throws.
  if (!(year >= 0 && year <= 9999)) return { problem: "date" };
  return { day: date.toISOString().slice(0, 10) };
}

function fromSerial(serial: number): Day {
  // A bare year typed into a number cell would otherwise read as a day in 1905.
  if (Number.isInteger(serial) && serial >= 1900 && serial <= 2099) return { problem: "yearOnly" };
  const day = Math.floor(serial);
  if (day < 1) return { problem: "dateFormat" };
  if (day === EXCEL_PHANTOM_LEAP_DAY || day > EXCEL_LAST_DAY) return { problem: "date" };
  return fromDate(new Date(EXCEL_DAY_ONE + (day > EXCEL_PHANTOM_LEAP_DAY ? day - 1 : day) * DAY_MS));
}

const pad = (part: string) => part.padStart(2, "0");

function fromText(raw: string): Day {
  // Russian-language files often write "15.03.1990 г." ("year").
  const text = raw.trim().replace(/\s*г\.?$/u, "");
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return { day: `${iso[1]}-${pad(iso[2] ?? "")}-${pad(iso[3] ?? "")}` };
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  if (dotted) return { day: `${dotted[3]}-${pad(dotted[2] ?? "")}-${pad(dotted[1] ?? "")}` };
  return { problem: /^\d{4}$/.test(text) ? "yearOnly" : "dateFormat" };
}

function dayOf(cell: string | number | boolean | Date): Day {
  if (cell instanceof Date) return fromDate(cell);
  if (typeof cell === "number") return fromSerial(cell);
  return typeof cell === "string" ? fromText(cell) : { problem: "dateFormat" };
}

/**
 * A calendar day as YYYY-MM-DD, from a date cell, an Excel serial number, or text written
 * `yyyy-mm-dd` or `dd.mm.yyyy`. Two-digit years and month-first orders are refused rather than
 * guessed. `notAfter` (YYYY-MM-DD, e.g. today for a birth date) refuses later days as `future`.
 */
export function readDate(cell: Cell, options: { notAfter?: string } = {}): Normalised<string> {
  if (isUnreadable(cell)) return fail(cell.problem);
  if (cell === null || (typeof cell === "string" && cell.trim() === "")) return { ok: true, value: null };
  const read = dayOf(cell);
  if ("problem" in read) return fail(read.problem);
  if (!IsoDate.safeParse(read.day).success) return fail("date");
  if (options.notAfter !== undefined && read.day > options.notAfter) return fail("future");
  return { ok: true, value: read.day };
}

/** Excel drops an IIN's leading zero (born 2000-2009) when the column holds numbers; twelve digits are restored. */
const IIN_DIGITS = 12;

/** An IIN with a valid check digit; spaces between digit groups are allowed. Agreement with birth date and sex is the person schema's check. */
export function readIin(cell: Cell): Normalised<string> {
  if (isUnreadable(cell)) return fail(cell.problem);
  if (cell === null) return { ok: true, value: null };
  let iin: string;
  if (typeof cell === "number") {
    if (!Number.isInteger(cell) || cell < 0 || cell >= 10 ** IIN_DIGITS) return fail("iin_format");
    iin = String(cell).padStart(IIN_DIGITS, "0");
  } else if (typeof cell === "string") {
    iin = cell.replace(/\s/gu, "");
    if (iin === "") return { ok: true, value: null };
  } else {
    return fail("iin_format");
  }
  const check = checkIin(iin);
  return check.ok ? { ok: true, value: iin } : fail(`iin_${check.problem}`);
}

/**
 * A yes or no as offices write it, in any of the three languages, or a tick («x», «+»). Anything
 * else is refused rather than read as no: an unreadable answer must not pass for a checked one.
 */
const YES = new Set(["yes", "y", "true", "да", "д", "иә", "ия", "x", "х", "1", "+"]);
const NO = new Set(["no", "n", "false", "нет", "н", "жоқ", "жок", "0", "-"]);

export function readFlag(cell: Cell): Normalised<boolean> {
  if (isUnreadable(cell)) return fail(cell.problem);
  if (cell === null) return { ok: true, value: null };
  if (typeof cell === "boolean") return { ok: true, value: cell };
  if (cell instanceof Date) return fail("notAFlag");
  const written = String(cell).trim();
  if (written === "") return { ok: true, value: null };
  // A tick is punctuation, which textKey would erase.
  const key = written === "+" || written === "-" ? written : textKey(written);
  if (YES.has(key)) return { ok: true, value: true };
  if (NO.has(key)) return { ok: true, value: false };
  return fail("notAFlag");
}
