import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { LOCALES } from "@/lib/i18n/locales";
import { MAX_FILE_BYTES } from "@/lib/import/limits";
import { canAtAll } from "@/lib/policy/can";
import { Section } from "@/components/ui/section";
import { UploadPreview } from "@/components/import/upload-preview";
import { BatchList } from "@/components/import/batch-list";
import { listImportBatches, mayListImportBatches } from "@/lib/import/import-batches";

export default async function ImportPage() {
  const user = await requireUser();
  const imports = canAtAll(user, "import.run");
  if (!imports && !mayListImportBatches(user)) notFound();
  const [t, tLanguage, batches] = await Promise.all([getTranslations("import.page"), getTranslations("language"), listImportBatches(user)]);
  if (!imports)
    return (
      <div className="space-y-6">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <Section title={t("batches")} testId="import-batch-list">
          <BatchList batches={batches} />
        </Section>
      </div>
    );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-2 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      </div>
      <Section title={t("templates")} testId="import-templates">
        <p className="text-sm text-slate-700">{t("templatesIntro")}</p>
        <ul className="mt-3 flex flex-wrap gap-3">
          {LOCALES.map((locale) => (
            <li key={locale}>
              <a
                href={`/api/import/template?lang=${locale}`}
                download
                className="inline-block rounded border border-slate-300 px-3 py-1 text-sm text-sky-800 underline hover:bg-slate-100"
              >
                {t("templateIn", { language: tLanguage(locale) })}
              </a>
            </li>
          ))}
        </ul>
      </Section>
      <Section title={t("upload")} testId="import-upload">
        <UploadPreview maxBytes={MAX_FILE_BYTES} />
      </Section>
      <Section title={t("batches")} testId="import-batch-list">
        <BatchList batches={batches} />
      </Section>
    </div>
  );
}
