import { getLocale, getTranslations } from "next-intl/server";
import { listConfirmers } from "@/lib/cases/change-requests";
import type { OpenedCase } from "@/lib/cases/get-case";
import { labelIn } from "@/lib/i18n/locales";
import { formatDay } from "@/lib/i18n/format";
import { AliasEditor } from "./alias-editor";
import { PersonEditForm } from "./person-edit-form";

/** The case page's header: who the person is, and for an editor the forms that change it. */
export async function CaseHeader({ opened }: { opened: OpenedCase }) {
  const { detail, canEdit } = opened;
  const [t, tEnum, locale, confirmers] = await Promise.all([
    getTranslations("case"),
    getTranslations("enums"),
    getLocale(),
    listConfirmers(opened),
  ]);
  // eslint-disable-next-line react-hooks/purity -- a server component renders once per request: the age is as of that request
  const age = Math.floor((Date.now() - new Date(detail.birthDate).getTime()) / (365.25 * 86_400_000));
  const date = (iso: string) => formatDay(locale, iso);
  return (
    <header className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <p className="font-mono text-sm text-slate-600">{detail.caseNumber}</p>
      <h1 className="text-2xl font-semibold">{[detail.familyName, detail.givenName, detail.patronymic].filter(Boolean).join(" ")}</h1>
      <p className="text-sm text-slate-600">{detail.latinName}</p>
      {detail.aliases.length > 0 && (
        <p className="mt-1 text-sm">
          {t("aliases")}: {detail.aliases.map((a) => `${a.value} (${t(`aliasType.${a.type}` as "aliasType.KUNYA")})`).join(" · ")}
        </p>
      )}
      {canEdit && <AliasEditor caseId={detail.id} aliases={detail.aliases} />}
      <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
        <div>
          <dt className="inline text-slate-600">{t("ageCategory")}: </dt>
          <dd className="inline">
            {tEnum(`age.${detail.ageCategory}`)}, {t("age", { age })}
            {detail.unaccompaniedMinor && ` · ${t("unaccompanied")}`}
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("born")}: </dt>
          <dd className="inline">
            {date(detail.birthDate)}
            {detail.birthDateEstimated && ` (${t("estimated")})`}
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("iin")}: </dt>
          <dd className="inline font-mono">{detail.iin ?? "—"}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("region")}: </dt>
          <dd className="inline">{labelIn(locale, detail.region)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("returned")}: </dt>
          <dd className="inline">
            {date(detail.returnDate)}, {labelIn(locale, detail.returnOperation)} ({detail.returnedFrom})
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("caseworker")}: </dt>
          <dd className="inline">{detail.caseworkerName ?? t("unassigned")}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("risk")}: </dt>
          <dd className="inline">{tEnum(`risk.${detail.riskLevel}`)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("caseStatus")}: </dt>
          <dd className="inline">{tEnum(`caseStatus.${detail.caseStatus}`)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-600">{t("address")}: </dt>
          <dd className="inline">{detail.address ?? "—"}</dd>
        </div>
      </dl>
      {canEdit && <PersonEditForm detail={detail} confirmers={confirmers} />}
    </header>
  );
}
