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
const MOMENT_TIME_ZONE = "Asia/Almaty";

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

// Made once: the task recomputation asks for the day of every case's registration.
const ISO_DAY = new Intl.DateTimeFormat("en", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: MOMENT_TIME_ZONE });

/** The calendar day of a moment in Kazakhstan's time, as YYYY-MM-DD: for file names, which sort by it. */
export function isoDayOf(moment: string | Date): string {
  const parts = ISO_DAY.formatToParts(typeof moment === "string" ? new Date(moment) : moment);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** A count or a number of days, grouped the language's way (1,810 or 1 810). */
export function formatNumber(locale: string, value: number): string {
  return new Intl.NumberFormat(localeOf(locale)).format(value);
}
