import { getLocale, getTranslations } from "next-intl/server";
import type { ReviewOptions } from "@/lib/review/review-options";
import { labelIn, type Labels } from "@/lib/i18n/locales";
import type { ReviewQuery } from "@/lib/validation/review";
import { AgeCategory } from "@/lib/db/generated/enums";

/** A plain GET form: the filters name no person, so they live in the URL and work without script. */
export async function ReviewFilters({ query, options }: { query: ReviewQuery; options: ReviewOptions }) {
  const [t, tEnum, locale] = await Promise.all([getTranslations("review"), getTranslations("enums"), getLocale()]);
  const label = (l: Labels) => labelIn(locale, l);
  const select = "mt-1 w-full rounded border border-slate-300 px-2 py-1";
  return (
    <form
      method="get"
      action="/review"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
      data-testid="review-filters"
    >
      <label className="text-sm font-medium">
        {t("filters.region")}
        <select name="region" defaultValue={query.region ?? ""} className={select}>
          <option value="">{t("filters.any")}</option>
          {options.regions.map((r) => (
            <option key={r.value} value={r.value}>
              {label(r)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        {t("filters.age")}
        <select name="age" defaultValue={query.age ?? ""} className={select}>
          <option value="">{t("filters.any")}</option>
          {Object.values(AgeCategory).map((a) => (
            <option key={a} value={a}>
              {tEnum(`age.${a}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        {t("filters.type")}
        <select name="type" defaultValue={query.type ?? ""} className={select}>
          <option value="">{t("filters.any")}</option>
          {options.programTypes.map((p) => (
            <option key={p.value} value={p.value}>
              {label(p)}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm font-medium">
        {t("filters.caseworker")}
        <select name="caseworker" defaultValue={query.caseworker ?? ""} className={select}>
          <option value="">{t("filters.any")}</option>
          {options.caseworkers.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue} />
        {t("filters.overdue")}
      </label>
      <div className="flex flex-wrap items-center gap-2 sm:col-span-1 lg:col-span-3">
        <button type="submit" className="rounded bg-sky-800 px-3 py-1 text-white hover:bg-sky-900">
          {t("filters.apply")}
        </button>
        <a href="/review" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
          {t("filters.reset")}
        </a>
      </div>
    </form>
  );
}
