import { getLocale, getTranslations } from "next-intl/server";
import { AgeCategory, ProsecutionStatus } from "@/lib/db/generated/enums";
import type { RegistryOptions } from "@/lib/cases/registry-options";
import { labelIn, type Labels } from "@/lib/i18n/locales";
import { PERSON_FIELDS } from "@/lib/validation/person-fields";
import { REGISTRY_SORTS, type RegistryFilters as Filters } from "@/lib/validation/registry";

type Props = { filters: Filters; options: RegistryOptions };

/** Filters are a plain GET form: they name no person, so they may live in the URL and be bookmarked. */
export async function RegistryFilters({ filters, options }: Props) {
  const [t, tEnum, tAll, locale] = await Promise.all([
    getTranslations("registry"),
    getTranslations("enums"),
    getTranslations(),
    getLocale(),
  ]);
  const label = (o: Labels) => labelIn(locale, o);
  // The person's own selects offer these values: the filter offers the same, in the same words.
  const personChoices = (field: "caseStatus" | "riskLevel") =>
    PERSON_FIELDS[field].input.options.map((o) => ({ value: o.value, label: tAll(o.label as "registry.any") }));
  const select = (name: keyof Filters, choices: { value: string; label: string }[], withAny = true) => (
    <div key={name}>
      <label htmlFor={`filter-${name}`} className="block text-xs font-medium text-slate-700">
        {t(`filters.${name}`)}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={filters[name] ?? ""}
        className="mt-1 w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        {withAny && <option value="">{t("any")}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  const operationNames = (codes: string) =>
    codes
      .split(",")
      .map((code) => label(options.operations.find((o) => o.value === code) ?? { en: code, ru: code, kk: code }))
      .join(", ");
  const extra: { name: string; value: string; text: string }[] = [
    filters.operation?.includes(",")
      ? { name: "", value: "", text: t("extra.operations", { names: operationNames(filters.operation) }) }
      : null,
    filters.returnedFrom
      ? { name: "returnedFrom", value: filters.returnedFrom, text: t("extra.returnedFrom", { date: filters.returnedFrom }) }
      : null,
    filters.returnedTo
      ? { name: "returnedTo", value: filters.returnedTo, text: t("extra.returnedTo", { date: filters.returnedTo }) }
      : null,
    filters.convicted ? { name: "convicted", value: filters.convicted, text: t(`extra.convicted_${filters.convicted}`) } : null,
    filters.prosecuted ? { name: "prosecuted", value: filters.prosecuted, text: t(`extra.prosecuted_${filters.prosecuted}`) } : null,
    filters.assigned ? { name: "assigned", value: filters.assigned, text: t(`extra.assigned_${filters.assigned}`) } : null,
    filters.inProgram ? { name: "inProgram", value: filters.inProgram, text: t(`extra.inProgram_${filters.inProgram}`) } : null,
  ].filter((e): e is { name: string; value: string; text: string } => e !== null);
  return (
    <form
      method="get"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-5"
      aria-label={t("filtersLabel")}
    >
      {select(
        "region",
        options.regions.map((r) => ({ value: r.value, label: label(r) })),
      )}
      {select(
        "age",
        Object.values(AgeCategory).map((v) => ({ value: v, label: tEnum(`age.${v}`) })),
      )}
      {select(
        "prosecution",
        Object.values(ProsecutionStatus).map((v) => ({ value: v, label: tEnum(`prosecution.${v}`) })),
      )}
      {select("status", personChoices("caseStatus"))}
      {select("risk", personChoices("riskLevel"))}
      {options.caseworkers.length > 0 && select("caseworker", options.caseworkers)}
      {filters.operation?.includes(",") ? (
        <input type="hidden" name="operation" value={filters.operation} />
      ) : (
        select(
          "operation",
          options.operations.map((o) => ({ value: o.value, label: label(o) })),
        )
      )}
      {select(
        "need",
        options.programTypes.flatMap((p) =>
          (["open", "met"] as const).map((state) => ({
            value: `${p.value}:${state}`,
            label: t(`needOption.${state}`, { type: label(p) }),
          })),
        ),
      )}
      {select(
        "sort",
        REGISTRY_SORTS.map((v) => ({ value: v, label: t(`sorts.${v}`) })),
        false,
      )}
      {/* Filters a dashboard link can set that have no control here: kept, and said in words. */}
      {extra.length > 0 && (
        <p className="text-sm text-slate-700 sm:col-span-3 lg:col-span-5" data-testid="registry-extra-filters">
          {t("extra.label")} {extra.map((e) => e.text).join(" · ")}
          {extra
            .filter((e) => e.name)
            .map((e) => (
              <input key={e.name} type="hidden" name={e.name} value={e.value} />
            ))}
        </p>
      )}
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm text-white hover:bg-slate-900">
          {t("apply")}
        </button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load empties the filter fields, which keep what was typed across a client-side navigation */}
        <a href="/cases" className="px-2 py-1.5 text-sm text-sky-800 underline">
          {t("clear")}
        </a>
      </div>
    </form>
  );
}
