/**
 * Zhusan's calendar: the day it is where the work happens. Kazakhstan is five hours ahead of UTC,
 * so each evening from 19:00 UTC the UTC day lags the day a caseworker sees on the wall; a rule
 * such as "not in the future" or "due today" that asked UTC would refuse today's date for those
 * hours. Every such rule asks this module (docs/decisions/026-one-calendar-day.md).
 */
export const CALENDAR_TIME_ZONE = "Asia/Almaty";

// Made once: the task recomputation asks for the day of every case's registration.
const ISO_DAY = new Intl.DateTimeFormat("en", { year: "numeric", month: "2-digit", day: "2-digit", timeZone: CALENDAR_TIME_ZONE });

/** The calendar day of a moment in Kazakhstan's time, as YYYY-MM-DD. */
export function isoDayOf(moment: string | Date): string {
  const parts = ISO_DAY.formatToParts(typeof moment === "string" ? new Date(moment) : moment);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** Today, as YYYY-MM-DD. */
export const todayOf = (now: Date = new Date()): string => isoDayOf(now);

/** Whether a YYYY-MM-DD day (or a calendar day stored as UTC midnight) is later than today. */
export function isAfterToday(day: string | Date, now: Date = new Date()): boolean {
  const iso = typeof day === "string" ? day.slice(0, 10) : day.toISOString().slice(0, 10);
  return iso > todayOf(now);
}

/** Today as a calendar day is stored: UTC midnight of the day. */
export const todayAsStoredDay = (now: Date = new Date()): Date => new Date(`${todayOf(now)}T00:00:00Z`);
