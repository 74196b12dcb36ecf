import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { getChangeRequestsPanel, type ChangeRequestView } from "@/lib/cases/change-requests";
import type { AuthorizedCase } from "@/lib/cases/get-case";
import { formatMoment } from "@/lib/i18n/format";
import { statusKey, subjectWords } from "./change-words";
import { WithdrawChangeForm } from "./withdraw-change-form";

/**
 * The case page's changes held for a second person, above everything else on the page: while one
 * is pending the case reads as it was, and this says what is about to change and who asked.
 */
export async function ChangeRequestsPanel({ opened }: { opened: AuthorizedCase }) {
  const [{ requests }, t, tEnums, locale] = await Promise.all([
    getChangeRequestsPanel(opened),
    getTranslations("case.changeRequests"),
    getTranslations("enums"),
    getLocale(),
  ]);
  if (requests.length === 0) return null;
  const line = (request: ChangeRequestView) => {
    const subject = subjectWords(request.subject, locale, (v) => t("householdWith", v), t("household"));
    const from = tEnums(statusKey(request.kind, request.from) as "prosecution.CHARGED");
    const values = {
      from: subject ? `${subject}: ${from}` : from,
      to: tEnums(statusKey(request.kind, request.to) as "prosecution.CHARGED"),
      name: request.requestedBy,
      date: formatMoment(locale, request.requestedAt),
      decider: request.decidedBy ?? "—",
      decidedAt: request.decidedAt ? formatMoment(locale, request.decidedAt) : "—",
    };
    switch (request.state) {
      case "SUPERSEDED":
        return t("superseded", values);
      case "REJECTED":
        return t("rejected", values);
      default:
        return t("awaiting", values);
    }
  };
  return (
    <section
      aria-labelledby="change-requests-title"
      className="rounded-lg border-2 border-amber-500 bg-amber-50 p-4"
      data-testid="change-requests"
    >
      <h2 id="change-requests-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <ul className="mt-2 space-y-3">
        {requests.map((request) => (
          <li key={request.id} data-testid="change-request" data-state={request.state}>
            <p className="font-medium">{line(request)}</p>
            <p className="text-sm text-slate-700">
              {t("reason")}: {request.reason}
            </p>
            {request.suggestedConfirmer && request.state === "PENDING" && (
              <p className="text-sm text-slate-700">{t("suggested", { name: request.suggestedConfirmer.name })}</p>
            )}
            {request.comment && (
              <p className="text-sm text-slate-700">
                {t("comment")}: {request.comment}
              </p>
            )}
            {request.stale && <p className="text-sm text-red-800">{t("stale")}</p>}
            {request.canWithdraw && <WithdrawChangeForm caseId={opened.id} requestId={request.id} version={request.version} />}
            {request.canDecide && (
              <Link href="/review?tab=confirm" className="text-sm text-sky-800 underline">
                {t("decideThere")}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
