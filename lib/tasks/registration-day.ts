import { isoDayOf } from "../calendar/calendar-day";

/**
 * The day a case was registered: the day its record was created, in Kazakhstan's time, as the
 * staff who registered it saw it. A review cannot be dated before it, and the first review is due
 * counted from it.
 */
export const registrationDay = (createdAt: Date): string => isoDayOf(createdAt);
