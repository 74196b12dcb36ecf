"use client";

import { useLocale, useTranslations } from "next-intl";
import { isLocale } from "@/lib/i18n/locales";
import { IMPORT_SHEETS, type ImportField } from "@/lib/import/import-fields";
import type { LinkedSheetPreview } from "@/lib/import/preview-persons";
import { LINK_PROBLEM_CODES } from "@/lib/import/problems";

const LINK_CODES: ReadonlySet<string> = new Set(LINK_PROBLEM_CODES);

/** The household, prosecution history and enrollments sheets: each row with its outcome, its problems in the page's language. */
export function LinkedSheetsAnswer({ sheets }: { sheets: LinkedSheetPreview[] }) {
  const t = useTranslations("import.linked");
  const tProblems = useTranslations("import.problems");
  const tStatus = useTranslations("enums.prosecution");
  const locale = useLocale();
  const language = isLocale(locale) ? locale : "en";
  return (
    <div className="space-y-6">
      {sheets.map((sheet) => {
        const fields = IMPORT_SHEETS[sheet.kind] as readonly ImportField[];
        const placeOf = (field: string, column: number | null) => {
          const header = sheet.columns.find((c) => c.column === column)?.header;
          return header
            ? t("atColumn", { header, column: column ?? 0 })
            : (fields.find((f) => f.key === field)?.headers[language][0] ?? field);
        };
        return (
          <section key={sheet.kind} data-testid={`import-linked-${sheet.kind}`} className="space-y-2">
            <h3 className="text-base font-semibold">{t(`heading.${sheet.kind}`, { sheet: sheet.sheet })}</h3>
            <p className="text-sm text-slate-700">{t("counts", sheet.counts)}</p>
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200">
                  <th scope="col" className="py-1 pr-3">
                    {t("row")}
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    {t("person")}
                  </th>
                  <th scope="col" className="py-1">
                    {t("outcome")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {sheet.rows.map((row) => (
                  <tr key={row.row} className="border-b border-slate-100 align-top" data-testid={`import-${sheet.kind}-row-${row.row}`}>
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {row.row}
                    </th>
                    <td className="py-1 pr-3">{row.person}</td>
                    <td className="py-1">
                      {row.problems.length === 0 ? (
                        <span className="text-emerald-800">{t("ready")}</span>
                      ) : (
                        <ul className="space-y-1">
                          {row.problems.map((problem, i) => (
                            <li key={i} className="text-red-700">
                              <strong>{placeOf(problem.field, problem.column)}: </strong>
                              {LINK_CODES.has(problem.code)
                                ? tProblems(`link.${problem.code}` as "link.unknownKey", {
                                    from: problem.values ? tStatus(problem.values.from) : "",
                                    to: problem.values ? tStatus(problem.values.to) : "",
                                  })
                                : tProblems(`cell.${problem.code}` as "cell.invalid")}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
