import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getRequirementsReview } from "@/lib/cases/requirements-review";
import type { OpenedCase } from "@/lib/cases/get-case";
import { formatDay } from "@/lib/i18n/format";
import { labelIn } from "@/lib/i18n/locales";
import { isoDayOf } from "@/lib/calendar/calendar-day";
import { Section } from "@/components/ui/section";
import { RequirementsReviewForm } from "./requirements-review-form";

/**
 * For a supervisor of the region, on a minor's case: the program types the person requires from their
 * 18th birthday beside those required now and what is in place, the last review of them, and the
 * form that records a new one. The review changes no need; the links lead to the controls that do.
 */
export async function ComingOfAgePanel({ opened }: { opened: OpenedCase }) {
  const review = await getRequirementsReview(opened);
  if (!review) return null;
  const [t, tCase, tAge, locale] = await Promise.all([
    getTranslations("comingOfAge"),
    getTranslations("case"),
    getTranslations("enums.age"),
    getLocale(),
  ]);
  const date = (iso: string) => formatDay(locale, iso);
  const mark = (yes: boolean) => (yes ? t("yes") : "—");
  return (
    <Section title={t("title")} testId="coming-of-age-panel">
      <p className="text-sm text-slate-700">
        {t("intro", { adultOn: date(review.adultOn), category: tAge(review.adultCategory), countsFrom: date(review.countsFrom) })}
      </p>
      <table className="mt-3 w-full border-collapse text-sm" data-testid="requirements-table">
        <thead className="bg-slate-50 text-left">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("programType")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("requiredNow")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("requiredAsAdult")}
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              {t("now")}
            </th>
          </tr>
        </thead>
        <tbody>
          {review.types.map((type) => (
            <tr key={type.programTypeCode} className="border-t border-slate-200">
              <th scope="row" className="px-3 py-2 text-left font-normal">
                {labelIn(locale, type.label)}
              </th>
              <td className="px-3 py-2">{mark(type.requiredNow)}</td>
              <td className="px-3 py-2">{mark(type.requiredAsAdult)}</td>
              <td className="px-3 py-2">{tCase(`needState.${type.state}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-sm text-slate-700">
        {t("controls")}{" "}
        <Link href="#programs" className="text-sky-800 underline">
          {t("referLink")}
        </Link>
        {" · "}
        <Link
          href={`/review?${new URLSearchParams({ region: opened.regionId, age: "MINOR" }).toString()}`}
          className="text-sky-800 underline"
        >
          {t("queueLink")}
        </Link>
      </p>
      <p className="mt-3 text-sm" data-testid="last-requirements-review">
        {review.lastReview
          ? t("lastReview", { date: date(review.lastReview.reviewedOn), who: review.lastReview.reviewer, note: review.lastReview.note })
          : t("neverReviewed")}
      </p>
      <RequirementsReviewForm caseId={opened.id} version={review.version} today={isoDayOf(new Date())} />
    </Section>
  );
}
