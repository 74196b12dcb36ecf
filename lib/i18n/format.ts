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

/** A calendar day (a birth date, a return date), given as an ISO date or a Date at UTC midnight. */
export function formatDay(locale: string, day: string | Date): string {
  const l = localeOf(locale);
  return new Intl.DateTimeFormat(l, { ...DAY[l], timeZone: "UTC" }).format(
    typeof day === "string" ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day,
  );
}

/** A moment (when an event happened), to the minute, or to the second where order within a minute matters. */
export function formatMoment(locale: string, moment: string | Date, precision: "minute" | "second" = "minute"): string {
  const l = localeOf(locale);
  const time: Intl.DateTimeFormatOptions = {
    hour: "2-digit",
    minute: "2-digit",
    ...(precision === "second" ? { second: "2-digit" } : {}),
    hourCycle: "h23",
  };
  return new Intl.DateTimeFormat(l, { ...DAY[l], ...time, timeZone: MOMENT_TIME_ZONE }).format(
    typeof moment === "string" ? new Date(moment) : moment,
  );
}

/** A count or a number of days, grouped the language's way (1,810 or 1 810). */
export function formatNumber(locale: string, value: number): string {
  return new Intl.NumberFormat(localeOf(locale)).format(value);
}
