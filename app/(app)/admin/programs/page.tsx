import { z } from "zod";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { listRegionsForAdmin } from "@/lib/admin/admin-regions";
import { listProgramTypesForAdmin, listProgramsForAdmin } from "@/lib/admin/reference-data";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import type { Locale } from "@/lib/i18n/locales";
import { AdminNav } from "@/components/admin/admin-nav";
import { EntryRow } from "@/components/admin/entry-row";
import { ProgramForm } from "@/components/admin/reference-forms";
import { SelectField } from "@/components/ui/select-field";

/** The list's filters: a plain GET form, since they name no person. Unreadable values filter nothing. */
const ProgramListQuery = z.object({ region: z.uuid().optional().catch(undefined), type: z.string().max(64).optional().catch(undefined) });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProgramsPage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v || undefined]));
  const query = ProgramListQuery.parse(raw);
  const [programs, regions, types] = await pageOrNotFound(() =>
    Promise.all([listProgramsForAdmin(user), listRegionsForAdmin(user), listProgramTypesForAdmin(user)]),
  );
  const [t, locale] = await Promise.all([getTranslations("admin.reference"), getLocale() as Promise<Locale>]);
  const regionChoices = regions.filter((r) => r.active).map((r) => ({ value: r.id, en: r.en, ru: r.ru, kk: r.kk }));
  const typeChoices = types.filter((p) => p.active).map((p) => ({ value: p.code, en: p.labelEn, ru: p.labelRu, kk: p.labelKk }));
  const regionName = new Map(regions.map((r) => [r.id, r[locale]]));
  const typeName = new Map(types.map((p) => [p.code, { en: p.labelEn, ru: p.labelRu, kk: p.labelKk }[locale]]));
  // Region, then type, then name, in the reader's alphabet: the order an administrator looks for a program in.
  const collator = new Intl.Collator(locale);
  const shown = programs
    .filter((p) => (!query.region || p.regionId === query.region) && (!query.type || p.programTypeCode === query.type))
    .sort(
      (a, b) =>
        collator.compare(regionName.get(a.regionId) ?? "", regionName.get(b.regionId) ?? "") ||
        collator.compare(typeName.get(a.programTypeCode) ?? "", typeName.get(b.programTypeCode) ?? "") ||
        collator.compare(a.name, b.name),
    );
  return (
    <div className="space-y-6">
      <AdminNav current="programs" />
      <h1 className="text-2xl font-semibold">{t("programsTitle")}</h1>
      <details className="rounded border border-sky-200 bg-sky-50 p-3">
        <summary className="cursor-pointer font-medium">{t("newProgram")}</summary>
        <ProgramForm regions={regionChoices} types={typeChoices} />
      </details>
      <form method="get" className="flex flex-wrap items-end gap-3" data-testid="program-filters">
        <SelectField
          id="programs-region"
          name="region"
          label={t("filterRegion")}
          placeholder={t("any")}
          defaultValue={query.region ?? ""}
          choices={regions.map((r) => ({ value: r.id, label: r[locale] })).sort((a, b) => collator.compare(a.label, b.label))}
        />
        <SelectField
          id="programs-type"
          name="type"
          label={t("filterType")}
          placeholder={t("any")}
          defaultValue={query.type ?? ""}
          choices={types.map((p) => ({ value: p.code, label: typeName.get(p.code) ?? p.code }))}
        />
        <button type="submit" className="rounded bg-sky-800 px-3 py-1.5 text-sm text-white hover:bg-sky-900">
          {t("filter")}
        </button>
        <p className="text-sm text-slate-700" data-testid="programs-count">
          {t("programsShown", { shown: shown.length, total: programs.length })}
        </p>
      </form>
      <ul className="space-y-2" data-testid="programs">
        {shown.map((p) => (
          <EntryRow
            key={p.id}
            summary={`${p.name} · ${typeName.get(p.programTypeCode) ?? p.programTypeCode} · ${regionName.get(p.regionId) ?? ""} · ${t("occupancy", { enrolled: p.enrolled, capacity: p.capacity })}`}
            editLabel={t("edit")}
            inactiveLabel={t("inactive")}
            active={p.active}
          >
            <ProgramForm existing={p} regions={regionChoices} types={typeChoices} />
          </EntryRow>
        ))}
      </ul>
    </div>
  );
}
