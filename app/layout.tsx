import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getLocale, getTranslations } from "next-intl/server";
import "@fontsource-variable/inter";
import "./globals.css";
import { ClientIntlProvider } from "@/components/shell/client-intl-provider";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/locales";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: t("name"), description: t("tagline"), robots: { index: false, follow: false } };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-screen font-sans">
        <ClientIntlProvider locale={isLocale(locale) ? locale : DEFAULT_LOCALE}>{children}</ClientIntlProvider>
      </body>
    </html>
  );
}
