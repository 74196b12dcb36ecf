import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { readTaskRules } from "@/lib/admin/task-rules";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { AdminNav } from "@/components/admin/admin-nav";
import { TaskRulesForm } from "@/components/admin/task-rules-form";

export default async function TaskRulesPage() {
  const user = await requireUser();
  const view = await pageOrNotFound(() => readTaskRules(user));
  const t = await getTranslations("admin.taskRules");
  return (
    <div className="max-w-3xl space-y-6">
      <AdminNav current="tasks" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("explain")}</p>
      <p className="text-sm text-slate-600">
        <Link href="/admin/review" className="text-sky-800 underline">
          {t("targetElsewhere", { days: view.waitingTargetDays })}
        </Link>
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <TaskRulesForm view={view} />
      </section>
    </div>
  );
}
