import "server-only";
import type { z } from "zod";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "../auth/current-user";
import { DomainError } from "../cases/errors";
import { reportUnexpected } from "../errors/report-unexpected";
import { changeVocabulary } from "../audit/change-vocabulary";
import { labelIn } from "../i18n/locales";
import { isSameOrigin } from "../http/same-origin";
import { backpressuredStream } from "../http/backpressured-stream";
import { fieldErrorsOf, formValues } from "../validation/action-state";
import type { CaseExportRequest } from "../validation/export";
import { exportHistory, type ExportPlan, type Selection } from "./export-history";
import { writeHistoryCsv } from "./write-csv";
import { writeHistoryJson } from "./write-json";
import { writeHistoryPdf, type DossierLabels } from "./write-pdf";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8", pdf: "application/pdf" } as const;

const problem = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The one shape of both history-export endpoints: same-origin POST, a fully signed-in user,
 * zod on the form, then the export, authorized inside exportHistory by the policy. Refusals are
 * 4xx with a JSON error and write nothing but their audit event; the file streams otherwise.
 */
export async function historyExportResponse<S extends z.ZodType<CaseExportRequest>>(request: Request, schema: S, selectionOf: (input: z.infer<S>) => Selection): Promise<Response> {
  if (!isSameOrigin(request)) return problem(403, { error: "origin" });
  const user = await getCurrentUser();
  if (!user || user.secondFactorPending || user.mustChangePassword || user.secondFactorMissing) return problem(401, { error: "signIn" });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return problem(400, { error: "invalid", fields: { form: "invalid" } });
  }
  const parsed = schema.safeParse(formValues(form));
  if (!parsed.success) return problem(400, { error: "invalid", fields: fieldErrorsOf(parsed.error) });
  const input = parsed.data;
  const labels = await dossierLabels();

  try {
    return await new Promise<Response>((resolve, reject) => {
      exportHistory(user, selectionOf(input), input, async (plan) => {
        let finished!: () => void;
        const done = new Promise<void>((r) => (finished = r));
        const body = backpressuredStream(async (write) => {
          try {
            await writeFormat(plan, write, labels);
          } finally {
            finished();
          }
        });
        resolve(
          new Response(body, {
            headers: {
              "Content-Type": CONTENT_TYPES[input.format],
              "Content-Disposition": `attachment; filename="zhusan-history-${plan.generatedAt.slice(0, 10)}-${plan.exportId.slice(0, 8)}.${input.format}"`,
              "Cache-Control": "no-store",
              "X-Export-Reference": plan.exportId,
            },
          }),
        );
        // The snapshot stays open until the last byte is written or the reader goes away.
        await done;
      }).catch(reject);
    });
  } catch (error) {
    if (error instanceof DomainError && (error.kind === "notFound" || error.kind === "forbidden")) return problem(404, { error: "notFound" });
    return problem(500, { error: "unexpected", reference: reportUnexpected(error, "historyExport") });
  }
}

function writeFormat(plan: ExportPlan, write: (chunk: string | Uint8Array) => Promise<void>, labels: DossierLabels): Promise<void> {
  switch (plan.request.format) {
    case "json":
      return writeHistoryJson(plan, write);
    case "csv":
      return writeHistoryCsv(plan, write);
    case "pdf":
      return writeHistoryPdf(plan, write, labels);
  }
}

async function dossierLabels(): Promise<DossierLabels> {
  const [t, tCase, tEnums, format, locale, changes] = await Promise.all([getTranslations("export"), getTranslations("case"), getTranslations("enums"), getFormatter(), getLocale(), changeVocabulary()]);
  return {
    text: (key, values) => (t.has(key as "pdfTitle") ? t(key as "pdfTitle", values) : tCase(key as "born", values)),
    action: changes.action,
    enumLabel: (group, value) => (tEnums.has(`${group}.${value}` as "age.ADULT_MAN") ? tEnums(`${group}.${value}` as "age.ADULT_MAN") : value),
    region: (names) => labelIn(locale, names),
    dateTime: (iso) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" }),
    changes,
  };
}
