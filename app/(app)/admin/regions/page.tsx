import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { listRegionsForAdmin } from "@/lib/admin/admin-regions";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import type { Locale } from "@/lib/i18n/locales";
import { AdminNav } from "@/components/admin/admin-nav";
import { EntryRow } from "@/components/admin/entry-row";
import { RegionForm } from "@/components/admin/reference-forms";

export default async function RegionsPage() {
  const user = await requireUser();
  const regions = await pageOrNotFound(() => listRegionsForAdmin(user));
  const [t, locale] = await Promise.all([getTranslations("admin.reference"), getLocale() as Promise<Locale>]);
  return (
    <div className="space-y-6">
      <AdminNav current="regions" />
      <h1 className="text-2xl font-semibold">{t("regionsTitle")}</h1>
      <details className="rounded border border-sky-200 bg-sky-50 p-3">
        <summary className="cursor-pointer font-medium">{t("newRegion")}</summary>
        <RegionForm />
      </details>
      <ul className="space-y-2" data-testid="regions">
        {regions.map((r) => (
          <EntryRow key={r.id} summary={`${r[locale]} (${r.code})`} editLabel={t("edit")} inactiveLabel={t("inactive")} active={r.active}>
            <RegionForm
              existing={{
                id: r.id,
                version: r.version,
                code: r.code,
                kind: r.kind,
                labelEn: r.en,
                labelRu: r.ru,
                labelKk: r.kk,
                active: r.active,
              }}
            />
          </EntryRow>
        ))}
      </ul>
    </div>
  );
}
