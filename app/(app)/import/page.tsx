import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { labelIn, LOCALES } from "@/lib/i18n/locales";
import { loadImportReference } from "@/lib/import/import-reference";
import { MAX_FILE_BYTES } from "@/lib/import/limits";
import { listImportMappings } from "@/lib/import/saved-mappings";
import { canAtAll } from "@/lib/policy/can";
import { Section } from "@/components/ui/section";
import { UploadPreview } from "@/components/import/upload-preview";
import { BatchList } from "@/components/import/batch-list";
import { SavedMappingsList } from "@/components/import/saved-mapping-forms";
import { listImportBatches, mayListImportBatches } from "@/lib/import/import-batches";

export default async function ImportPage() {
  const user = await requireUser();
  const imports = canAtAll(user, "import.run");
  if (!imports && !mayListImportBatches(user)) notFound();
  const [t, batches] = await Promise.all([getTranslations("import.page"), listImportBatches(user)]);
  // An auditor reads the batches; uploading, templates and mappings are for those who import.
  if (!imports)
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Section title={t("batches")} testId="import-batch-list">
          <BatchList batches={batches} />
        </Section>
      </div>
    );
  const [tLanguage, tMapping, locale, reference, saved] = await Promise.all([
    getTranslations("language"),
    getTranslations("import.mapping"),
    getLocale(),
    loadImportReference(user),
    listImportMappings(user),
  ]);
  const regions = reference.regions.map((region) => ({ id: region.value, label: labelIn(locale, region.labels) }));
  const regionOf = (id: string) => regions.find((r) => r.id === id)?.label ?? "";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-2 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      </div>
      <Section title={t("templates")} testId="import-templates">
        <p className="text-sm text-slate-700">{t("templatesIntro")}</p>
        <ul className="mt-3 flex flex-wrap gap-3">
          {LOCALES.map((language) => (
            <li key={language}>
              <a
                href={`/api/import/template?lang=${language}`}
                download
                className="inline-block rounded border border-slate-300 px-3 py-1 text-sm text-sky-800 underline hover:bg-slate-100"
              >
                {t("templateIn", { language: tLanguage(language) })}
              </a>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("upload")} testId="import-upload">
        <UploadPreview maxBytes={MAX_FILE_BYTES} regions={regions} />
      </Section>
      <Section title={tMapping("savedHeading")} testId="import-saved">
        <SavedMappingsList
          mappings={saved.map((m) => ({
            id: m.id,
            name: m.name,
            region: regionOf(m.regionId),
            version: m.version,
            updatedAt: m.updatedAt,
            updatedBy: m.updatedBy,
            readable: m.mapping !== null,
          }))}
        />
      </Section>
      <Section title={t("batches")} testId="import-batch-list">
        <BatchList batches={batches} />
      </Section>
    </div>
  );
}
