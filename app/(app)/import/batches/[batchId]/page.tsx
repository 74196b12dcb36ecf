import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { requireUser } from "@/lib/auth/current-user";
import { AliasType } from "@/lib/db/generated/enums";
import { formatMoment } from "@/lib/i18n/format";
import { isLocale } from "@/lib/i18n/locales";
import { getImportBatch, type BatchDetail } from "@/lib/import/import-batches";
import { resultErrorText } from "@/lib/import/result-sheet";
import { ImportBatchRequest } from "@/lib/validation/import";
import { Section } from "@/components/ui/section";
import { BatchPreviewRows } from "@/components/import/batch-preview-rows";
import { CommitForm, type DecisionRow } from "@/components/import/commit-form";

const COUNTS = ["created", "linked", "skipped", "alreadyImported", "errors"] as const;

/** A possible duplicate's choices: create, skip, or attach to one of the cases in reach the preview showed. */
function decisionRows(batch: BatchDetail, t: (key: string, values?: Record<string, string>) => string): DecisionRow[] {
  return batch.preview.rows
    .filter((row) => row.problems.length === 0)
    .filter((row) => row.sameInFile.length > 0 || (row.registry?.inReach.length ?? 0) > 0 || (row.registry?.elsewhere.length ?? 0) > 0)
    .map((row) => ({
      row: row.row,
      name: row.name,
      choices: [
        { value: "create", label: t("decisions.create") },
        ...(row.registry?.inReach ?? []).map((match) => ({
          value: `attach:${match.id}`,
          label: t("decisions.attach", { caseNumber: match.caseNumber, name: match.name }),
        })),
        { value: "skip", label: t("decisions.skip") },
      ],
    }));
}

export default async function ImportBatchPage({ params }: { params: Promise<{ batchId: string }> }) {
  const user = await requireUser();
  const parsed = ImportBatchRequest.safeParse(await params);
  if (!parsed.success) notFound();
  const batch = await pageOrNotFound(() => getImportBatch(user, parsed.data.batchId));
  const [t, tCounts, tCase, locale] = await Promise.all([
    getTranslations("import.batch"),
    getTranslations("import.batches"),
    getTranslations("case"),
    getLocale(),
  ]);
  const lang = isLocale(locale) ? locale : "en";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title", { file: batch.fileName })}</h1>
        <p className="mt-2 text-sm text-slate-700" data-testid="import-batch-about">
          {t("about", { who: batch.createdBy, when: formatMoment(locale, batch.createdAt), sheet: batch.sheet, rows: String(batch.rows) })}
        </p>
        <p className="text-xs break-all text-slate-600">SHA-256 {batch.fileSha256}</p>
        <p className="mt-2 text-sm font-medium" data-testid="import-batch-state">
          {tCounts(`states.${batch.state}`)}
        </p>
      </div>
      {batch.state !== "PREVIEWED" && (
        <Section title={t("result")} testId="import-result">
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
            {COUNTS.map((count) => (
              <div key={count} className="rounded border border-slate-200 p-3" data-testid={`import-result-${count}`}>
                <dt className="text-xs text-slate-600">{tCounts(`counts.${count}`)}</dt>
                <dd className="text-xl font-semibold">{batch.state === "COMMITTED" ? batch.counts[count] : "…"}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 text-sm">
            <a
              href={`/api/import/batches/${batch.id}/result?lang=${lang}`}
              download
              className="text-sky-800 underline"
              data-testid="import-result-download"
            >
              {t("download")}
            </a>
          </p>
          <table className="mt-3 w-full text-left text-sm" data-testid="import-result-rows">
            <thead>
              <tr className="border-b border-slate-200">
                {(["sheet", "row", "outcome", "caseNumber", "error"] as const).map((column) => (
                  <th key={column} scope="col" className="py-1 pr-3">
                    {t(`columns.${column}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {batch.results.map((line) => (
                <tr
                  key={`${line.sheet}:${line.row}`}
                  className="border-b border-slate-100"
                  data-testid={line.sheet === batch.sheet ? `import-result-row-${line.row}` : `import-result-row-${line.sheet}-${line.row}`}
                >
                  <td className="py-1 pr-3">{line.sheet}</td>
                  <td className="py-1 pr-3">{line.row}</td>
                  <td className="py-1 pr-3">
                    {line.sheet !== batch.sheet && line.outcome === "CREATED" ? t("written") : t(`outcomes.${line.outcome}`)}
                  </td>
                  <td className="py-1 pr-3">
                    {line.caseId && (
                      <a href={`/cases/${line.caseId}`} className="text-sky-800 underline">
                        {line.caseNumber}
                      </a>
                    )}
                  </td>
                  <td className="py-1 pr-3">{line.error === null ? "" : resultErrorText(lang, line.error)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
      )}
      {batch.state !== "COMMITTED" && (
        <Section title={t("preview")} testId="import-batch-preview">
          <BatchPreviewRows rows={batch.preview.rows} columns={batch.preview.columns} />
        </Section>
      )}
      {batch.state !== "COMMITTED" && batch.committable && (
        <Section title={batch.state === "COMMITTING" ? t("resumeTitle") : t("commitTitle")} testId="import-commit">
          <p className="text-sm text-slate-700">{batch.state === "COMMITTING" ? t("resumeIntro") : t("commitIntro")}</p>
          <CommitForm
            batchId={batch.id}
            resuming={batch.state === "COMMITTING"}
            decisions={decisionRows(batch, t)}
            aliasTypes={Object.values(AliasType).map((type) => ({ value: type, label: tCase(`aliasType.${type}`) }))}
          />
        </Section>
      )}
    </div>
  );
}
