import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { getTaskList } from "@/lib/home/tasks";
import { formatDay } from "@/lib/i18n/format";
import { labelIn } from "@/lib/i18n/locales";
import { DUE_FILTERS, TaskListQuery } from "@/lib/task-store/task-lists";
import { TASK_RULES } from "@/lib/tasks/task-rules";
import { STORED_RULES } from "@/lib/tasks/task-rules";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The user's open tasks, soonest first, filtered by rule, due and (for a supervisor) region; a GET form, so every view has an address. */
export default async function TasksPage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  // A nonsense filter in a hand-edited address is dropped, not an error page.
  const query = TaskListQuery.parse(raw);
  const list = await pageOrNotFound(() => getTaskList(user, query));
  const [t, locale] = await Promise.all([getTranslations("tasks"), getLocale()]);
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const key of ["rule", "due", "region"] as const) if (query[key]) params.set(key, query[key]);
    if (page > 1) params.set("page", String(page));
    return `/tasks${params.size ? `?${params.toString()}` : ""}`;
  };
  const select = "mt-1 block rounded border border-slate-300 bg-white px-2 py-1";
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t(`intro.${user.role as "CASEWORKER"}`)}</p>
      </div>
      <form method="get" action="/tasks" className="flex flex-wrap items-end gap-3 text-sm">
        <label>
          {t("rule")}
          <select name="rule" defaultValue={query.rule ?? ""} className={select}>
            <option value="">{t("any")}</option>
            {TASK_RULES.filter((rule) => STORED_RULES.includes(rule)).map((rule) => (
              <option key={rule} value={rule}>
                {t(`rules.${rule}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("due")}
          <select name="due" defaultValue={query.due ?? ""} className={select}>
            <option value="">{t("any")}</option>
            {DUE_FILTERS.map((due) => (
              <option key={due} value={due}>
                {t(`dueFilter.${due}`)}
              </option>
            ))}
          </select>
        </label>
        {list.regions.length > 0 && (
          <label>
            {t("region")}
            <select name="region" defaultValue={query.region ?? ""} className={select}>
              <option value="">{t("any")}</option>
              {list.regions.map((region) => (
                <option key={region.id} value={region.id}>
                  {labelIn(locale, region.name)}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="rounded bg-sky-800 px-3 py-1 text-white hover:bg-sky-900">
          {t("filter")}
        </button>
        <Link href="/tasks" className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
          {t("clear")}
        </Link>
      </form>
      <p className="text-sm" data-testid="tasks-total">
        {t("total", { count: list.total })}
      </p>
      {list.rows.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <table className="w-full border-collapse rounded-lg bg-white text-sm shadow-sm" data-testid="tasks-table">
          <thead>
            <tr className="border-b border-slate-200 text-left">
              <th scope="col" className="px-3 py-2">
                {t("due")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("rule")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("case")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("person")}
              </th>
              <th scope="col" className="px-3 py-2">
                {t("responsible")}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100" data-testid="task-row">
                <td className={`px-3 py-2 tabular-nums ${row.overdue ? "font-medium text-red-800" : ""}`}>
                  {formatDay(locale, row.dueOn)}
                  {row.overdue && ` · ${t("overdue")}`}
                </td>
                <td className="px-3 py-2">{t(`rules.${row.rule as "caseReview"}`)}</td>
                <td className="px-3 py-2">
                  <Link href={`/cases/${row.caseId}`} className="text-sky-900 underline">
                    {row.caseNumber}
                  </Link>
                </td>
                <td className="px-3 py-2">{row.personName}</td>
                <td className="px-3 py-2">{row.responsible ?? t("supervisors")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.pages > 1 && (
        <nav className="flex items-center gap-3 text-sm" aria-label={t("page", { page: list.page, pages: list.pages })}>
          {list.page > 1 && (
            <Link href={href(list.page - 1)} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
              {t("previous")}
            </Link>
          )}
          <span>{t("page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages && (
            <Link href={href(list.page + 1)} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100">
              {t("next")}
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
