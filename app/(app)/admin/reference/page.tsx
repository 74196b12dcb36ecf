import { getLocale, getTranslations } from "next-intl/server";
import { ReasonKind } from "@/lib/db/generated/enums";
import { requireUser } from "@/lib/auth/current-user";
import { listProgramTypesForAdmin, listReasonsForAdmin } from "@/lib/admin/reference-data";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import type { Locale } from "@/lib/i18n/locales";
import { AdminNav } from "@/components/admin/admin-nav";
import { EntryRow } from "@/components/admin/entry-row";
import { ProgramTypeForm, ReasonForm } from "@/components/admin/reference-forms";

const labelOf = (entry: { labelEn: string; labelRu: string; labelKk: string }, locale: Locale) =>
  ({ en: entry.labelEn, ru: entry.labelRu, kk: entry.labelKk })[locale];

export default async function ReferenceListsPage() {
  const user = await requireUser();
  const [types, reasons] = await pageOrNotFound(() => Promise.all([listProgramTypesForAdmin(user), listReasonsForAdmin(user)]));
  const [t, locale] = await Promise.all([getTranslations("admin.reference"), getLocale() as Promise<Locale>]);
  const kinds = Object.values(ReasonKind).map((kind) => ({ value: kind, label: t(`reasonKind${kind}`) }));
  return (
    <div className="space-y-6">
      <AdminNav current="reference" />
      <h1 className="text-2xl font-semibold">{t("referenceTitle")}</h1>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("programTypesTitle")}</h2>
        <details className="rounded border border-sky-200 bg-sky-50 p-3">
          <summary className="cursor-pointer font-medium">{t("newProgramType")}</summary>
          <ProgramTypeForm />
        </details>
        <ul className="space-y-2" data-testid="program-types">
          {types.map((type) => (
            <EntryRow
              key={type.code}
              summary={`${labelOf(type, locale)} (${type.code})`}
              editLabel={t("edit")}
              inactiveLabel={t("inactive")}
              active={type.active}
            >
              <ProgramTypeForm existing={type} />
            </EntryRow>
          ))}
        </ul>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("reasonsTitle")}</h2>
        <details className="rounded border border-sky-200 bg-sky-50 p-3">
          <summary className="cursor-pointer font-medium">{t("newReason")}</summary>
          <ReasonForm kinds={kinds} />
        </details>
        <ul className="space-y-2" data-testid="reasons">
          {reasons.map((reason) => (
            <EntryRow
              key={reason.id}
              summary={`${t(`reasonKind${reason.kind}`)}: ${labelOf(reason, locale)}`}
              editLabel={t("edit")}
              inactiveLabel={t("inactive")}
              active={reason.active}
            >
              <ReasonForm existing={reason} kinds={kinds} />
            </EntryRow>
          ))}
        </ul>
      </section>
    </div>
  );
}
