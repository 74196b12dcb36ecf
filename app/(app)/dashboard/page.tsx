import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { getDashboard, type Count } from "@/lib/dashboard/dashboard";
import { BarChart } from "@/components/dashboard/bar-chart";
import { labelIn, type Labels } from "@/lib/i18n/locales";
import { formatNumber } from "@/lib/i18n/format";
import { countDecisionsWaiting } from "@/lib/transfers/decisions-waiting";
import { canAtAll } from "@/lib/policy/can";

function Figure({ label, count, testId, locale }: { label: string; count: Count; testId: string; locale: string }) {
  return (
    <div className="rounded border border-slate-200 p-3">
      <Link href={count.href} className="text-3xl font-semibold text-sky-900 underline" data-testid={testId}>
        {formatNumber(locale, count.value)}
      </Link>
      <p className="text-sm text-slate-700">{label}</p>
    </div>
  );
}

export default async function DashboardPage() {
  const user = await requireUser();
  const dashboard = await pageOrNotFound(() => getDashboard(user));
  const [t, tEnum, locale, toConfirm] = await Promise.all([
    getTranslations("dashboard"),
    getTranslations("enums"),
    getLocale(),
    canAtAll(user, "change.confirm") ? countDecisionsWaiting(user) : null,
  ]);
  const label = (l: Labels) => labelIn(locale, l);
  const p = dashboard.published;
  const days = (n: number | null) => (n === null ? "—" : t("days", { n: Math.round(n) }));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="published-figures">
        <h2 className="mb-3 font-semibold">{t("published")}</h2>
        <div className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
          <Figure label={t("independentBy2018")} count={p.independentBy2018} testId="fig-independent" locale={locale} />
          <Figure
            label={t("independentConvicted")}
            count={p.independentBy2018Convicted}
            testId="fig-independent-convicted"
            locale={locale}
          />
          <Figure label={t("zhusanMen")} count={p.zhusanMen} testId="fig-zhusan-men" locale={locale} />
          <Figure label={t("zhusanMenProsecuted")} count={p.zhusanMenProsecuted} testId="fig-zhusan-men-prosecuted" locale={locale} />
          <Figure label={t("zhusanWomen")} count={p.zhusanWomen} testId="fig-zhusan-women" locale={locale} />
          <Figure label={t("zhusanChildren")} count={p.zhusanChildren} testId="fig-zhusan-children" locale={locale} />
        </div>
      </section>

      <section className="grid gap-3 sm:grid-cols-3">
        <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <Link href={dashboard.overdue.href} className="text-3xl font-semibold text-amber-900 underline" data-testid="fig-overdue">
            {formatNumber(locale, dashboard.overdue.value)}
          </Link>
          <p className="text-sm">{t("overdue")}</p>
        </div>
        {toConfirm !== null && (
          <div className="rounded-lg border border-amber-300 bg-amber-50 p-4">
            <Link href="/review?tab=confirm" className="text-3xl font-semibold text-amber-900 underline" data-testid="fig-to-confirm">
              {formatNumber(locale, toConfirm)}
            </Link>
            <p className="text-sm">{t("toConfirm")}</p>
          </div>
        )}
        <div className="rounded-lg border border-slate-200 bg-white p-4 sm:col-span-2" data-testid="first-enrollment">
          <p className="font-semibold">{t("firstEnrollment")}</p>
          <p className="text-sm">
            {t("firstEnrollmentFigures", {
              median: days(dashboard.firstEnrollment.medianDays),
              p90: days(dashboard.firstEnrollment.p90Days),
              people: formatNumber(locale, dashboard.firstEnrollment.people),
            })}
          </p>
        </div>
      </section>

      <div className="grid gap-4 lg:grid-cols-2">
        <BarChart
          locale={locale}
          title={t("byAge")}
          valueHeading={t("persons")}
          testId="chart-age"
          rows={dashboard.byAge.map((r) => ({ label: tEnum(`age.${r.key}`), count: r.count }))}
        />
        <BarChart
          locale={locale}
          title={t("byCaseStatus")}
          valueHeading={t("persons")}
          testId="chart-status"
          rows={dashboard.byCaseStatus.map((r) => ({ label: tEnum(`caseStatus.${r.key}`), count: r.count }))}
        />
        <BarChart
          locale={locale}
          title={t("byProsecution")}
          valueHeading={t("persons")}
          testId="chart-prosecution"
          rows={dashboard.byProsecution.map((r) => ({ label: tEnum(`prosecution.${r.key}`), count: r.count }))}
        />
        <BarChart
          locale={locale}
          title={t("byRegion")}
          valueHeading={t("persons")}
          testId="chart-region"
          rows={dashboard.byRegion.map((r) => ({ label: label(r.label), count: r.count }))}
        />
        <BarChart
          locale={locale}
          title={t("returns")}
          valueHeading={t("persons")}
          testId="chart-returns"
          rows={dashboard.returns.map((r) => ({ label: `${r.year} · ${label(r.label)}`, count: r.count }))}
        />
        <BarChart
          locale={locale}
          title={t("caseload")}
          valueHeading={t("openCases")}
          testId="chart-caseload"
          rows={dashboard.caseload.map((r) => ({ label: r.name, count: r.count }))}
        />
      </div>

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="needs">
        <h2 className="mb-2 font-semibold">{t("needs")}</h2>
        <table className="w-full text-sm">
          <thead className="text-left">
            <tr>
              <th scope="col">{t("programType")}</th>
              <th scope="col" className="text-right">
                {t("met")}
              </th>
              <th scope="col" className="text-right">
                {t("open")}
              </th>
              <th scope="col">
                <span className="sr-only">{t("share")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {dashboard.needs.map((n) => (
              <tr key={n.type} className="border-t border-slate-100">
                <th scope="row" className="py-1 text-left font-normal">
                  {label(n.label)}
                </th>
                <td className="text-right">
                  <Link href={n.met.href} className="text-sky-800 underline">
                    {formatNumber(locale, n.met.value)}
                  </Link>
                </td>
                <td className="text-right">
                  <Link href={n.open.href} className="text-sky-800 underline">
                    {formatNumber(locale, n.open.value)}
                  </Link>
                </td>
                <td className="w-1/3 pl-3">
                  <svg aria-hidden="true" viewBox="0 0 100 10" preserveAspectRatio="none" className="h-3 w-full">
                    <rect
                      x={0}
                      y={0}
                      width={(n.met.value / Math.max(1, n.met.value + n.open.value)) * 100}
                      height={10}
                      className="fill-emerald-600"
                    />
                    <rect
                      x={(n.met.value / Math.max(1, n.met.value + n.open.value)) * 100}
                      y={0}
                      width={(n.open.value / Math.max(1, n.met.value + n.open.value)) * 100}
                      height={10}
                      className="fill-amber-500"
                    />
                  </svg>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
