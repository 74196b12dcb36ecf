import { CALENDAR_TIME_ZONE } from "../calendar/calendar-day";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

/**
 * The one way dates and numbers are written on screen and in the PDF, per language. Russian and
 * Kazakh put the day first (31.05.1987); English spells the month (May 31, 1987), since 5/31 and
 * 31/5 read differently to different readers. CSV and JSON keep ISO dates: they are for programs.
 */
const DAY: Record<Locale, Intl.DateTimeFormatOptions> = {
  en: { day: "numeric", month: "short", year: "numeric" },
  ru: { day: "2-digit", month: "2-digit", year: "numeric" },
  kk: { day: "2-digit", month: "2-digit", year: "numeric" },
};

/** Moments are shown in Kazakhstan's time; calendar days are stored as UTC midnight and shown as such. */
const MOMENT_TIME_ZONE = CALENDAR_TIME_ZONE;

const localeOf = (locale: string): Locale => (isLocale(locale) ? locale : DEFAULT_LOCALE);

type Style = "day" | "minute" | "second";

function optionsOf(locale: Locale, style: Style): Intl.DateTimeFormatOptions {
  if (style === "day") return { ...DAY[locale], timeZone: "UTC" };
  const seconds: Intl.DateTimeFormatOptions = style === "second" ? { second: "2-digit" } : {};
  return { ...DAY[locale], hour: "2-digit", minute: "2-digit", ...seconds, hourCycle: "h23", timeZone: MOMENT_TIME_ZONE };
}

// Making a formatter costs far more than using one (a case page writes a few hundred dates), and
// a formatter holds no state of its own: one per language and style, made on first use.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(locale: string, style: Style): Intl.DateTimeFormat {
  const l = localeOf(locale);
  const key = `${l}:${style}`;
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(l, optionsOf(l, style))));
  return formatter;
}
const numberFormatters = new Map<Locale, Intl.NumberFormat>();

/** A calendar day (a birth date, a return date), given as an ISO date or a Date at UTC midnight. */
export function formatDay(locale: string, day: string | Date): string {
  return formatterOf(locale, "day").format(typeof day === "string" ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day);
}

/** A moment (when an event happened), to the minute, or to the second where order within a minute matters. */
export function formatMoment(locale: string, moment: string | Date, precision: "minute" | "second" = "minute"): string {
  return formatterOf(locale, precision).format(typeof moment === "string" ? new Date(moment) : moment);
}

/** A count or a number of days, grouped the language's way (1,810 or 1 810). */
export function formatNumber(locale: string, value: number): string {
  const l = localeOf(locale);
  let formatter = numberFormatters.get(l);
  if (!formatter) numberFormatters.set(l, (formatter = new Intl.NumberFormat(l)));
  return formatter.format(value);
}
