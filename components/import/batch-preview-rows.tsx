"use client";

import { useTranslations } from "next-intl";
import type { PreviewColumn, PreviewRow } from "@/lib/import/preview-persons";
import { PreviewRowLine } from "./upload-preview";

/** The rows a batch's preview asked to look at, as the upload showed them. */
export function BatchPreviewRows({ rows, columns }: { rows: PreviewRow[]; columns: PreviewColumn[] }) {
  const t = useTranslations("import.page");
  if (rows.length === 0) return <p className="text-sm text-slate-700">{t("noRowsToLookAt")}</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="import-rows">
      <thead>
        <tr className="border-b border-slate-200">
          {(["row", "key", "name", "findings"] as const).map((column) => (
            <th key={column} scope="col" className="py-1 pr-3">
              {t(`table.${column}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <PreviewRowLine key={row.row} row={row} columns={columns} />
        ))}
      </tbody>
    </table>
  );
}
