"use client";

import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import english from "@/messages/en.json";
import russian from "@/messages/ru.json";
import kazakh from "@/messages/kk.json";
import { CALENDAR_TIME_ZONE } from "@/lib/calendar/calendar-day";
import type { Locale } from "@/lib/i18n/locales";

const CATALOGS: Record<Locale, typeof english> = { en: english, ru: russian, kk: kazakh };

/**
 * The message catalogs reach the browser in a script it keeps, not inside each page: handed to
 * the provider as props, a catalog travelled again inside every answer that re-renders the page
 * (each save on the case page re-sent 65-110 KB of messages beside a few KB that changed). The
 * server only names the language (docs/decisions/030-message-catalogs-in-the-bundle.md).
 */
export function ClientIntlProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <NextIntlClientProvider locale={locale} messages={CATALOGS[locale]} timeZone={CALENDAR_TIME_ZONE}>
      {children}
    </NextIntlClientProvider>
  );
}
