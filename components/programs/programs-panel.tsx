import { getLocale, getTranslations } from "next-intl/server";
import { getProgramsPanel } from "@/lib/cases/case-programs";
import type { AuthorizedCase } from "@/lib/cases/get-case";
import { labelIn, type Labels } from "@/lib/i18n/locales";
import { formatDay } from "@/lib/i18n/format";
import { Section } from "@/components/ui/section";
import { EnrollmentStepForm } from "./enrollment-step-form";
import { ReferForm } from "./refer-form";

/** The case page's programs panel: the person's needs, enrollments with their next steps, and a referral. */
export async function ProgramsPanel({ opened }: { opened: AuthorizedCase }) {
  const [{ needs, enrollments, programOptions, reasons }, t, locale] = await Promise.all([
    getProgramsPanel(opened),
    getTranslations("case"),
    getLocale(),
  ]);
  const label = (l: Labels) => labelIn(locale, l);
  const date = (iso: string) => formatDay(locale, iso);
  return (
    <Section title={t("programs")} testId="programs-panel" id="programs">
      <ul className="flex flex-wrap gap-2" aria-label={t("needs")}>
        {needs
          .filter((n) => n.required || n.state === "met")
          .map((need) => (
            <li
              key={need.programTypeCode}
              className={`rounded px-2 py-1 text-xs ${need.state === "open" ? "bg-amber-100 text-amber-900" : need.state === "met" ? "bg-emerald-100 text-emerald-900" : "bg-slate-100 text-slate-700"}`}
            >
              {label(need.label)}: {t(`needState.${need.state}`)}
            </li>
          ))}
      </ul>
      <ul className="mt-4 space-y-2 text-sm">
        {enrollments.map((e) => (
          <li key={e.id}>
            <p className="font-medium">
              {e.program}{" "}
              <span className="font-normal text-slate-600">
                ({label(e.type)}, {e.provider})
              </span>
            </p>
            <p className="text-slate-700">
              {t(`enrollmentStatus.${e.status}`)} · {t("referredOn", { date: date(e.referredOn) })}
              {e.enrolledOn && ` · ${t("enrolledOn", { date: date(e.enrolledOn) })}`}
              {e.completedOn && ` · ${t("completedOn", { date: date(e.completedOn) })}`}
              {e.endedOn && ` · ${t("endedOn", { date: date(e.endedOn) })}`}
              {e.reason && ` · ${label(e.reason)}`}
              {e.outcomeNote && ` · ${e.outcomeNote}`}
            </p>
            <EnrollmentStepForm caseId={opened.id} enrollment={e} reasons={reasons} />
          </li>
        ))}
        {enrollments.length === 0 && <li className="text-slate-600">{t("noEnrollments")}</li>}
      </ul>
      {opened.canEdit && <ReferForm caseId={opened.id} programs={programOptions} />}
    </Section>
  );
}
