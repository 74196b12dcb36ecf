import Link from "next/link";
import type { Count } from "@/lib/dashboard/dashboard";
import { formatNumber } from "@/lib/i18n/format";

type Row = { label: string; count: Count };

/**
 * Bars drawn as SVG attributes (no inline styles, which the CSP refuses), beside a table that
 * screen readers read and people copy numbers from. Each count links to the cases it counts.
 */
export function BarChart({
  title,
  rows,
  testId,
  valueHeading,
  locale,
}: {
  title: string;
  rows: Row[];
  testId: string;
  valueHeading: string;
  locale: string;
}) {
  const max = Math.max(1, ...rows.map((r) => r.count.value));
  const barHeight = 18;
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <figcaption className="mb-2 font-semibold">{title}</figcaption>
      <div className="grid gap-4 md:grid-cols-2">
        <svg
          aria-hidden="true"
          viewBox={`0 0 100 ${rows.length * (barHeight + 6)}`}
          preserveAspectRatio="none"
          className="w-full"
          height={rows.length * (barHeight + 6)}
        >
          {rows.map((row, i) => (
            <rect
              key={row.label}
              x={0}
              y={i * (barHeight + 6)}
              width={(row.count.value / max) * 100}
              height={barHeight}
              className="fill-sky-700"
            />
          ))}
        </svg>
        <table className="text-sm">
          <thead className="sr-only">
            <tr>
              <th scope="col">{title}</th>
              <th scope="col">{valueHeading}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className="border-t border-slate-100">
                <th scope="row" className="py-0.5 pr-3 text-left font-normal">
                  {row.label}
                </th>
                <td className="py-0.5 text-right">
                  <Link href={row.count.href} className="text-sky-800 underline">
                    {formatNumber(locale, row.count.value)}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
