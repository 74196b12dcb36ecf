import { getLocale, getTranslations } from "next-intl/server";
import type { AuthorizedCase } from "@/lib/cases/get-case";
import { formatDay, formatMoment } from "@/lib/i18n/format";
import { isoDayOf } from "@/lib/calendar/calendar-day";
import { labelIn } from "@/lib/i18n/locales";
import { getTransferPanel, type CaseTransfer } from "@/lib/transfers/transfer-views";
import { TransferRequestForm } from "./transfer-request-form";
import { WithdrawTransferForm } from "./withdraw-transfer-form";

/**
 * The case page's transfer: a pending one shown as prominently as a held change (the case stays
 * here until the receiving region accepts it), lately rejected or superseded ones so the sending
 * region learns of them, and for those who may ask for one, the dialog to request it.
 */
export async function TransferPanel({ opened }: { opened: AuthorizedCase }) {
  const [{ transfers, options }, t, tBasis, locale] = await Promise.all([
    getTransferPanel(opened),
    getTranslations("case.transfer"),
    getTranslations("enums.transferBasis"),
    getLocale(),
  ]);
  if (transfers.length === 0 && !options) return null;
  const line = (transfer: CaseTransfer) => {
    const values = {
      region: labelIn(locale, transfer.toRegion),
      name: transfer.requestedBy,
      date: formatMoment(locale, transfer.requestedAt),
      decider: transfer.decidedBy ?? "—",
      decidedAt: transfer.decidedAt ? formatMoment(locale, transfer.decidedAt) : "—",
    };
    switch (transfer.state) {
      case "REJECTED":
        return t("rejected", values);
      case "SUPERSEDED":
        return t("superseded", values);
      default:
        return t("awaiting", values);
    }
  };
  return (
    <section aria-label={t("title")} className="space-y-3" data-testid="transfers">
      {transfers.map((transfer) => (
        <div
          key={transfer.groupId}
          className={
            transfer.state === "PENDING"
              ? "rounded-lg border-2 border-amber-500 bg-amber-50 p-4"
              : "rounded-lg border border-slate-300 bg-slate-50 p-4"
          }
          data-testid="transfer"
          data-state={transfer.state}
        >
          <p className="font-medium">{line(transfer)}</p>
          <p className="text-sm text-slate-700">
            {t("basis")}: {tBasis(transfer.basis)}
            {transfer.basisText && ` — ${transfer.basisText}`} · {t("effective", { date: formatDay(locale, transfer.effectiveDate) })}
          </p>
          {transfer.others.length > 0 && (
            <p className="text-sm text-slate-700">
              {t("together", {
                names: transfer.others.map((o) => (o.name ? `${o.name} (${o.caseNumber})` : t("hiddenMember"))).join(", "),
              })}
            </p>
          )}
          {transfer.comment && (
            <p className="text-sm text-slate-700">
              {t("comment")}: {transfer.comment}
            </p>
          )}
          {transfer.stale && <p className="text-sm text-red-800">{t("stale")}</p>}
          {transfer.canWithdraw && <WithdrawTransferForm caseId={opened.id} groupId={transfer.groupId} />}
        </div>
      ))}
      {options && <TransferRequestForm caseId={opened.id} version={opened.version} options={options} today={isoDayOf(new Date())} />}
    </section>
  );
}
