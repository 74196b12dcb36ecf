import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { listRegionsForAdmin } from "@/lib/admin/admin-regions";
import { listProgramTypesForAdmin, listProgramsForAdmin } from "@/lib/admin/reference-data";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import type { Locale } from "@/lib/i18n/locales";
import { AdminNav } from "@/components/admin/admin-nav";
import { EntryRow } from "@/components/admin/entry-row";
import { ProgramForm } from "@/components/admin/reference-forms";

export default async function ProgramsPage() {
  const user = await requireUser();
  const [programs, regions, types] = await pageOrNotFound(() => Promise.all([listProgramsForAdmin(user), listRegionsForAdmin(user), listProgramTypesForAdmin(user)]));
  const [t, locale] = await Promise.all([getTranslations("admin.reference"), getLocale() as Promise<Locale>]);
  const regionChoices = regions.filter((r) => r.active).map((r) => ({ value: r.id, en: r.en, ru: r.ru, kk: r.kk }));
  const typeChoices = types.filter((p) => p.active).map((p) => ({ value: p.code, en: p.labelEn, ru: p.labelRu, kk: p.labelKk }));
  const regionName = new Map(regions.map((r) => [r.id, r[locale]]));
  const typeName = new Map(typeChoices.map((p) => [p.value, p[locale]]));
  return (
    <div className="space-y-6">
      <AdminNav current="programs" />
      <h1 className="text-2xl font-semibold">{t("programsTitle")}</h1>
      <details className="rounded border border-sky-200 bg-sky-50 p-3">
        <summary className="cursor-pointer font-medium">{t("newProgram")}</summary>
        <ProgramForm regions={regionChoices} types={typeChoices} />
      </details>
      <ul className="space-y-2" data-testid="programs">
        {programs.map((p) => (
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
