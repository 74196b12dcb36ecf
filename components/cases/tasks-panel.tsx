import { getLocale, getTranslations } from "next-intl/server";
import { getCaseTasks } from "@/lib/cases/case-tasks";
import type { OpenedCase } from "@/lib/cases/get-case";
import { formatDay } from "@/lib/i18n/format";
import { isoDayOf } from "@/lib/calendar/calendar-day";
import { Section } from "@/components/ui/section";
import { getFollowUpOptions } from "@/lib/cases/follow-up-options";
import { CaseReviewForm } from "./case-review-form";
import { FollowUpForm } from "./follow-up-form";

/**
 * The case's open tasks, soonest first, for everyone who may see the case; an editor can record
 * the case review that answers the review task, and the follow-up of a completed enrollment that
 * answers a follow-up task. Overdue is said in words, not by colour alone.
 */
export async function TasksPanel({ opened }: { opened: OpenedCase }) {
  const [tasks, t, locale] = await Promise.all([getCaseTasks(opened), getTranslations("case"), getLocale()]);
  // Read only for an editor: a reader is offered no form, so needs no options.
  const followUpOptions = opened.canEdit ? await getFollowUpOptions(opened) : null;
  const today = isoDayOf(new Date());
  return (
    <Section title={t("tasks")} testId="tasks-panel">
      {tasks.length === 0 ? (
        <p className="text-sm text-slate-600">{t("noTasks")}</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {tasks.map((task) => (
            <li key={task.key} className={task.overdue ? "font-medium text-red-800" : ""}>
              {t(`task.${task.rule}`, { date: formatDay(locale, task.dueOn) })}
              {task.supervisors && ` · ${t("taskForSupervisors")}`}
              {task.overdue && ` · ${t("overdue")}`}
            </li>
          ))}
        </ul>
      )}
      {opened.canEdit && (
        <CaseReviewForm caseId={opened.id} version={opened.detail.version} riskLevel={opened.detail.riskLevel} today={today} />
      )}
      {followUpOptions && followUpOptions.enrollments.length > 0 && (
        <FollowUpForm caseId={opened.id} version={opened.detail.version} options={followUpOptions} today={today} />
      )}
    </Section>
  );
}
