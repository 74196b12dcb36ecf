import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { getCase, type CaseDetail } from "@/lib/cases/get-case";
import { changeVocabulary } from "@/lib/audit/change-vocabulary";
import { ChangeList } from "@/components/cases/change-list";
import { StatusChangeForm } from "@/components/prosecution/status-change-form";
import { EnrollmentStepForm } from "@/components/programs/enrollment-step-form";
import { ReferForm } from "@/components/programs/refer-form";
import { NoteForm } from "@/components/cases/note-form";
import { PersonEditForm } from "@/components/cases/person-edit-form";
import { HouseholdMemberForm } from "@/components/cases/household-member-form";
import { ExportDialog } from "@/components/exports/export-dialog";
import { AliasEditor } from "@/components/cases/alias-editor";
import { HouseholdMemberRemove } from "@/components/cases/household-member-remove";
import { labelIn, type Labels } from "@/lib/i18n/locales";

type Props = { params: Promise<{ caseId: string }> };

async function loadCase(caseId: string): Promise<CaseDetail> {
  const user = await requireUser();
  return pageOrNotFound(() => getCase(user, caseId));
}

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-3">{children}</div>
    </section>
  );
}

export default async function CasePage({ params }: Props) {
  const { caseId } = await params;
  const detail = await loadCase(caseId);
  const [t, tEnum, locale, vocabulary] = await Promise.all([getTranslations("case"), getTranslations("enums"), getLocale(), changeVocabulary()]);
  const label = (l: Labels) => labelIn(locale, l);
  const age = Math.floor((Date.now() - new Date(detail.birthDate).getTime()) / (365.25 * 86_400_000));
  const date = (iso: string) => new Date(iso).toLocaleDateString(locale, { timeZone: "UTC" });
  const dateTime = (iso: string) => new Date(iso).toLocaleString(locale, { timeZone: "Asia/Almaty" });

  return (
    <div className="space-y-6">
      <Link href="/cases" className="text-sm text-sky-800 underline">
        {t("backToRegistry")}
      </Link>
      <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <p className="font-mono text-sm text-slate-600">{detail.caseNumber}</p>
        <h1 className="text-2xl font-semibold">{[detail.familyName, detail.givenName, detail.patronymic].filter(Boolean).join(" ")}</h1>
        <p className="text-sm text-slate-600">{detail.latinName}</p>
        {detail.aliases.length > 0 && (
          <p className="mt-1 text-sm">
            {t("aliases")}: {detail.aliases.map((a) => `${a.value} (${t(`aliasType.${a.type}` as "aliasType.KUNYA")})`).join(" · ")}
          </p>
        )}
        {detail.canEdit && <AliasEditor caseId={detail.id} aliases={detail.aliases} />}
        <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
          <div><dt className="inline text-slate-600">{t("ageCategory")}: </dt><dd className="inline">{tEnum(`age.${detail.ageCategory}`)}, {t("age", { age })}{detail.unaccompaniedMinor && ` · ${t("unaccompanied")}`}</dd></div>
          <div><dt className="inline text-slate-600">{t("born")}: </dt><dd className="inline">{date(detail.birthDate)}{detail.birthDateEstimated && ` (${t("estimated")})`}</dd></div>
          <div><dt className="inline text-slate-600">{t("iin")}: </dt><dd className="inline font-mono">{detail.iin ?? "—"}</dd></div>
          <div><dt className="inline text-slate-600">{t("region")}: </dt><dd className="inline">{label(detail.region)}</dd></div>
          <div><dt className="inline text-slate-600">{t("returned")}: </dt><dd className="inline">{date(detail.returnDate)}, {label(detail.returnOperation)} ({detail.returnedFrom})</dd></div>
          <div><dt className="inline text-slate-600">{t("caseworker")}: </dt><dd className="inline">{detail.caseworkerName ?? t("unassigned")}</dd></div>
          <div><dt className="inline text-slate-600">{t("risk")}: </dt><dd className="inline">{tEnum(`risk.${detail.riskLevel}`)}</dd></div>
          <div><dt className="inline text-slate-600">{t("caseStatus")}: </dt><dd className="inline">{tEnum(`caseStatus.${detail.caseStatus}`)}</dd></div>
          <div><dt className="inline text-slate-600">{t("address")}: </dt><dd className="inline">{detail.address ?? "—"}</dd></div>
        </dl>
        {detail.canEdit && <PersonEditForm detail={detail} />}
      </header>

      <div className="grid gap-6 lg:grid-cols-2">
        <Section title={t("prosecution")} testId="prosecution-panel">
          <ol className="space-y-3">
            {[...detail.prosecution].reverse().map((entry, index) => (
              <li key={entry.id} className={index === 0 ? "font-medium" : ""}>
                <p>
                  {tEnum(`prosecution.${entry.status}`)} · {date(entry.effectiveDate)}
                  {entry.daysInPrevious !== null && <span className="text-xs font-normal text-slate-600"> · {t("daysInPrevious", { days: entry.daysInPrevious })}</span>}
                </p>
                <p className="text-sm font-normal text-slate-700">
                  {entry.reason}
                  {entry.articles.length > 0 && ` · ${entry.articles.join(", ")}`}
                  {entry.authority && ` · ${entry.authority}`}
                  {entry.sentenceMonths !== null && ` · ${t("sentence", { months: entry.sentenceMonths })}`}
                </p>
              </li>
            ))}
          </ol>
          {detail.canEdit && detail.nextStatuses.length > 0 && <StatusChangeForm caseId={detail.id} version={detail.version} nextStatuses={detail.nextStatuses} />}
        </Section>

        <Section title={t("programs")} testId="programs-panel">
          <ul className="flex flex-wrap gap-2" aria-label={t("needs")}>
            {detail.needs.filter((n) => n.required || n.state === "met").map((need) => (
              <li key={need.programTypeCode} className={`rounded px-2 py-1 text-xs ${need.state === "open" ? "bg-amber-100 text-amber-900" : need.state === "met" ? "bg-emerald-100 text-emerald-900" : "bg-slate-100 text-slate-700"}`}>
                {label(need.label)}: {t(`needState.${need.state}`)}
              </li>
            ))}
          </ul>
          <ul className="mt-4 space-y-2 text-sm">
            {detail.enrollments.map((e) => (
              <li key={e.id}>
                <p className="font-medium">{e.program} <span className="font-normal text-slate-600">({label(e.type)}, {e.provider})</span></p>
                <p className="text-slate-700">
                  {t(`enrollmentStatus.${e.status}`)} · {t("referredOn", { date: date(e.referredOn) })}
                  {e.enrolledOn && ` · ${t("enrolledOn", { date: date(e.enrolledOn) })}`}
                  {e.completedOn && ` · ${t("completedOn", { date: date(e.completedOn) })}`}
                  {e.endedOn && ` · ${t("endedOn", { date: date(e.endedOn) })}`}
                  {e.reason && ` · ${label(e.reason)}`}
                  {e.outcomeNote && ` · ${e.outcomeNote}`}
                </p>
                {e.steps.length > 0 && <EnrollmentStepForm caseId={detail.id} enrollment={e} reasons={detail.reasons} />}
              </li>
            ))}
            {detail.enrollments.length === 0 && <li className="text-slate-600">{t("noEnrollments")}</li>}
          </ul>
          {detail.canEdit && <ReferForm caseId={detail.id} programs={detail.programOptions} />}
        </Section>

        <Section title={t("household")}>
          {detail.canEdit && <HouseholdMemberForm caseId={detail.id} hasHousehold={detail.household.length > 0} />}
          {detail.household.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noHousehold")}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {detail.household.flatMap((h) => h.members).map((m) => (
                <li key={m.personId}>
                  {t(`relationship.${m.relationship}`)}:{" "}
                  {m.name && m.caseNumber ? <Link href={`/cases/${m.personId}`} className="text-sky-800 underline">{m.name} ({m.caseNumber})</Link> : <span className="text-slate-600">{t("memberOutOfReach")}</span>}
                  {m.unaccompaniedMinor && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t("unaccompanied")}</span>}
                  {detail.canEdit && m.name && <HouseholdMemberRemove caseId={detail.id} memberId={m.personId} />}
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section title={t("notes")}>
          {detail.canEdit && <NoteForm caseId={detail.id} />}
          {detail.notes.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noNotes")}</p>
          ) : (
            <ul className="space-y-2 text-sm">
              {detail.notes.map((n) => (
                <li key={n.id}>
                  <p>{n.body}</p>
                  <p className="text-xs text-slate-600">{n.author ?? "—"} · {dateTime(n.createdAt)}</p>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>

      <Section title={t("history")} testId="case-history">
        {detail.canExport && (
          <div className="mb-4">
            <ExportDialog endpoint={`/api/cases/${detail.id}/history`} variant="case" />
          </div>
        )}
        <ol className="space-y-3 text-sm">
          {detail.history.map((event) => (
            <li key={event.id} className="border-l-2 border-slate-200 pl-3" data-testid="history-entry">
              <p>
                <span className="font-medium">{vocabulary.action(event.action)}</span> · {dateTime(event.occurredAt)} · {event.actor ?? "—"}
              </p>
              {event.reason && <p className="text-slate-700">{t("reason")}: {event.reason}</p>}
              <ChangeList before={event.before} after={event.after} action={event.action} vocabulary={vocabulary} />
            </li>
          ))}
        </ol>
      </Section>
    </div>
  );
}
