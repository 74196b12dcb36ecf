import { getLocale, getTranslations } from "next-intl/server";
import { formatMoment } from "@/lib/i18n/format";
import type { BatchSummary } from "@/lib/import/import-batches";

const COUNTS = ["created", "linked", "skipped", "alreadyImported", "errors"] as const;

/** The batches the user may see, newest first, each linking to its preview or result. */
export async function BatchList({ batches }: { batches: BatchSummary[] }) {
  const [t, locale] = await Promise.all([getTranslations("import.batches"), getLocale()]);
  if (batches.length === 0) return <p className="text-sm text-slate-700">{t("none")}</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="import-batches">
      <thead>
        <tr className="border-b border-slate-200">
          {(["when", "who", "file", "state", "rows"] as const).map((column) => (
            <th key={column} scope="col" className="py-1 pr-3">
              {t(`columns.${column}`)}
            </th>
          ))}
          {COUNTS.map((count) => (
            <th key={count} scope="col" className="py-1 pr-3">
              {t(`counts.${count}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {batches.map((batch) => (
          <tr key={batch.id} className="border-b border-slate-100" data-testid={`import-batch-${batch.id}`}>
            <td className="py-1 pr-3">
              <a href={`/import/batches/${batch.id}`} className="text-sky-800 underline">
                {formatMoment(locale, batch.createdAt)}
              </a>
            </td>
            <td className="py-1 pr-3">{batch.createdBy}</td>
            <td className="py-1 pr-3 break-all">{batch.fileName}</td>
            <td className="py-1 pr-3">{t(`states.${batch.state}`)}</td>
            <td className="py-1 pr-3">{batch.rows}</td>
            {COUNTS.map((count) => (
              <td key={count} className="py-1 pr-3">
                {batch.counts[count]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
