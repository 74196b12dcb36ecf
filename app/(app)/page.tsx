import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { getHomeSummary } from "@/lib/home/home-summary";
import { getWorklist } from "@/lib/home/worklist";
import { Worklist } from "@/components/home/worklist";
import { labelIn } from "@/lib/i18n/locales";
import { formatNumber } from "@/lib/i18n/format";
import { countDecisionsWaiting } from "@/lib/transfers/decisions-waiting";
import { canAtAll } from "@/lib/policy/can";
import { getTaskFigures } from "@/lib/home/tasks";

export default async function HomePage() {
  const user = await requireUser();
  // A caseworker starts the day from what needs doing on their own cases; the counts follow.
  const [t, locale, summary, worklist, toConfirm, tasks] = await Promise.all([
    getTranslations("home"),
    getLocale(),
    getHomeSummary(user),
    user.role === "CASEWORKER" ? getWorklist(user) : null,
    canAtAll(user, "change.confirm") ? countDecisionsWaiting(user) : null,
    getTaskFigures(user),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold">{t("greeting", { name: user.name })}</h1>
        <p className="mt-1 text-slate-600">{t(`scope.${user.role}`)}</p>
      </div>
      {tasks && (
        <section aria-labelledby="home-tasks">
          <h2 id="home-tasks" className="text-lg font-semibold">
            {t("tasks.title")}
          </h2>
          <dl className="mt-3 grid gap-4 sm:grid-cols-3">
            {(["today", "overdue", "week"] as const).map((due) => (
              <div key={due} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`tasks-${due}`}>
                <dt className="text-sm text-slate-600">{t(`tasks.${due}`)}</dt>
                <dd className={`mt-2 text-3xl font-semibold tabular-nums ${due === "overdue" && tasks.overdue > 0 ? "text-red-800" : ""}`}>
                  <Link href={`/tasks?due=${due}`} className="underline decoration-sky-300 underline-offset-4 hover:decoration-sky-800">
                    {formatNumber(locale, tasks[due])}
                  </Link>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {toConfirm !== null && (
        <p
          // Highlighted only when something waits: a standing alarm for nothing teaches people to ignore it.
          className={toConfirm > 0 ? "rounded-lg border-2 border-amber-500 bg-amber-50 p-4 font-medium" : "text-sm text-slate-600"}
          data-testid="home-to-confirm"
        >
          <Link href="/review?tab=confirm" className="text-sky-900 underline">
            {t("toConfirm", { count: toConfirm })}
          </Link>
        </p>
      )}
      {worklist && <Worklist worklist={worklist} />}
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {summary.figures.map((figure) => (
          <div key={figure.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={`figure-${figure.key}`}>
            <dt className="text-sm text-slate-600">{t(`figures.${figure.key}` as "figures.openCases")}</dt>
            <dd className="mt-2 text-3xl font-semibold tabular-nums">
              {figure.href ? (
                <Link href={figure.href} className="text-sky-900 underline decoration-sky-300 underline-offset-4 hover:decoration-sky-800">
                  {formatNumber(locale, figure.value)}
                </Link>
              ) : (
                formatNumber(locale, figure.value)
              )}
            </dd>
          </div>
        ))}
      </dl>
      {summary.regions.length > 0 && (
        <section>
          <h2 className="text-lg font-semibold">{t("byRegion")}</h2>
          <table className="mt-3 w-full max-w-xl border-collapse rounded-lg bg-white text-sm shadow-sm">
            <thead>
              <tr className="border-b border-slate-200 text-left">
                <th scope="col" className="px-3 py-2">
                  {t("region")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.regions.map((region) => (
                <tr key={region.regionId} className="border-b border-slate-100">
                  <td className="px-3 py-2">{labelIn(locale, region.name)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Link href={region.href} className="text-sky-900 underline">
                      {formatNumber(locale, region.openCases)}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
