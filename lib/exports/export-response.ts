import "server-only";
import type { z } from "zod";
import { getLocale, getTranslations } from "next-intl/server";
import { getCurrentUser } from "../auth/current-user";
import { DomainError } from "../errors/domain-error";
import { reportUnexpected } from "../errors/report-unexpected";
import { changeVocabulary } from "../audit/change-vocabulary";
import { labelIn } from "../i18n/locales";
import { isoDayOf } from "../calendar/calendar-day";
import { isSameOrigin } from "../http/same-origin";
import { backpressuredStream } from "../http/backpressured-stream";
import { fieldErrorsOf, formValues, unreadableFields } from "../validation/action-state";
import type { CaseExportRequest } from "../validation/export";
import { exportHistory, type ExportPlan, type Selection } from "./export-history";
import type { PieceWrite } from "../http/chunked-write";
import { writeHistoryCsv } from "./write-csv";
import { writeHistoryJson } from "./write-json";
import { writeHistoryPdf, type DossierLabels } from "./write-pdf";

const CONTENT_TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8", pdf: "application/pdf" } as const;

const problem = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The one shape of both history-export endpoints: same-origin POST, a fully signed-in user,
 * zod on the form, then the export, authorized inside exportHistory by the policy. Refusals are
 * 4xx with a JSON error and write nothing but their audit event; the file streams otherwise.
 */
export async function historyExportResponse<S extends z.ZodType<CaseExportRequest>>(
  request: Request,
  schema: S,
  selectionOf: (input: z.infer<S>) => Selection,
): Promise<Response> {
  if (!isSameOrigin(request)) return problem(403, { error: "origin" });
  const user = await getCurrentUser();
  if (!user || user.secondFactorPending || user.mustChangePassword || user.secondFactorMissing) return problem(401, { error: "signIn" });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return problem(400, { error: "invalid", fields: { form: "invalid" } });
  }
  const values = formValues(form);
  const unreadable = unreadableFields(values);
  if (Object.keys(unreadable).length > 0) return problem(400, { error: "invalid", fields: unreadable });
  const parsed = schema.safeParse(values);
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
            await plan.transmit(write, (counted) => writeFormat(plan, counted, labels));
          } finally {
            finished();
          }
        });
        resolve(
          new Response(body, {
            headers: {
              "Content-Type": CONTENT_TYPES[input.format],
              "Content-Disposition": `attachment; filename="${exportFileName(plan)}"`,
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
    if (error instanceof DomainError && (error.kind === "notFound" || error.kind === "forbidden"))
      return problem(404, { error: "notFound" });
    return problem(500, { error: "unexpected", reference: reportUnexpected(error, "historyExport") });
  }
}

/** zhusan-KZ-2019-000123-2026-12-04.pdf: what it is of and the day it was made, in Kazakhstan's calendar. */
export function exportFileName(plan: Pick<ExportPlan, "subject" | "generatedAt" | "request">): string {
  return `zhusan-${plan.subject}-${isoDayOf(plan.generatedAt)}.${plan.request.format}`;
}

function writeFormat(plan: ExportPlan, write: PieceWrite, labels: DossierLabels): Promise<void> {
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
  const [t, tCase, tEnums, locale, changes] = await Promise.all([
    getTranslations("export"),
    getTranslations("case"),
    getTranslations("enums"),
    getLocale(),
    changeVocabulary(),
  ]);
  return {
    text: (key, values) => (t.has(key as "pdfTitle") ? t(key as "pdfTitle", values) : tCase(key as "born", values)),
    action: changes.action,
    enumLabel: (group, value) =>
      tEnums.has(`${group}.${value}` as "age.ADULT_MAN") ? tEnums(`${group}.${value}` as "age.ADULT_MAN") : value,
    region: (names) => labelIn(locale, names),
    locale,
    changes,
  };
}
