import { getLocale, getTranslations } from "next-intl/server";
import { formatDay, formatMoment } from "@/lib/i18n/format";
import { labelIn } from "@/lib/i18n/locales";
import type { TransferPreview } from "@/lib/transfers/transfer-views";
import { DecideTransferForm } from "./decide-transfer-form";

/**
 * The "To confirm" tab's transfers into the viewer's regions: what is asked and, for each person
 * moving, only the limited preview (docs/decisions/020); the cases open in full once accepted.
 */
export async function TransfersToReceive({ transfers }: { transfers: TransferPreview[] }) {
  const [t, tCase, tEnums, locale] = await Promise.all([
    getTranslations("review.toConfirm"),
    getTranslations("case.transfer"),
    getTranslations("enums"),
    getLocale(),
  ]);
  if (transfers.length === 0) return null;
  return (
    <section className="space-y-3" aria-labelledby="transfers-title">
      <h2 id="transfers-title" className="text-lg font-semibold">
        {t("transfersTitle")}
      </h2>
      <p className="text-sm text-slate-600">{t("transfersIntro")}</p>
      <ul className="space-y-4">
        {transfers.map((transfer) => (
          <li
            key={transfer.groupId}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
            data-testid="transfer-to-receive"
          >
            <div className="grid gap-4 md:grid-cols-2">
              <ul className="space-y-2" data-testid="transfer-members">
                {transfer.members.map((member, index) => (
                  <li key={index}>
                    <p className="font-medium">{member.name}</p>
                    <p className="text-sm">
                      {t("member", {
                        age: tEnums(`age.${member.ageCategory}`),
                        prosecution: tEnums(`prosecution.${member.prosecutionStatus}`),
                      })}
                    </p>
                    <p className="text-sm text-slate-700">
                      {member.openNeeds.length > 0
                        ? t("openNeeds", { needs: member.openNeeds.map((need) => labelIn(locale, need)).join(", ") })
                        : t("noOpenNeeds")}
                    </p>
                  </li>
                ))}
              </ul>
              <div className="text-sm">
                <p className="font-medium">
                  {t("transferRoute", { from: labelIn(locale, transfer.fromRegion), to: labelIn(locale, transfer.toRegion) })}
                </p>
                <p>
                  {tCase("basis")}: {tEnums(`transferBasis.${transfer.basis}`)}
                  {transfer.basisText && ` — ${transfer.basisText}`}
                </p>
                <p>{tCase("effective", { date: formatDay(locale, transfer.effectiveDate) })}</p>
                <p className="text-slate-700">
                  {t("requested", { name: transfer.requestedBy, date: formatMoment(locale, transfer.requestedAt) })}
                </p>
                {transfer.stale && <p className="text-red-800">{t("staleTransfer")}</p>}
              </div>
            </div>
            <DecideTransferForm groupId={transfer.groupId} caseworkers={transfer.caseworkers} />
          </li>
        ))}
      </ul>
    </section>
  );
}
