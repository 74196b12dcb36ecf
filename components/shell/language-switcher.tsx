import { getLocale, getTranslations } from "next-intl/server";
import { setLocaleAction } from "@/app/actions";
import { LOCALES } from "@/lib/i18n/locales";

export async function LanguageSwitcher() {
  const [t, current] = await Promise.all([getTranslations("language"), getLocale()]);
  return (
    <form action={setLocaleAction} aria-label={t("label")} className="flex items-center gap-1 text-sm">
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className={
            locale === current
              ? "rounded px-2 py-1 font-semibold text-sky-900 underline underline-offset-4"
              : "rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
          }
        >
          {t(locale)}
        </button>
      ))}
    </form>
  );
}
