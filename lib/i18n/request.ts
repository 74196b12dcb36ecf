import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import type english from "../../messages/en.json";
import { CALENDAR_TIME_ZONE } from "../calendar/calendar-day";
import { DEFAULT_LOCALE, LOCALE_COOKIE, isLocale } from "./locales";

// The language is a per-browser choice kept in a cookie, so URLs stay free of locale prefixes.
export default getRequestConfig(async () => {
  const requested = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  // Every catalog has the English one's keys (lib/i18n/catalogs.test.ts).
  const catalog = (await import(`../../messages/${locale}.json`)) as { default: typeof english };
  const messages = catalog.default;
  return { locale, messages, timeZone: CALENDAR_TIME_ZONE };
});
