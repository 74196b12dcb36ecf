import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { secondFactorStatus } from "@/lib/auth/second-factor";
import { confirmEnrolmentAction, disableSecondFactorAction, renewRecoveryCodesAction, startEnrolmentAction } from "./actions";
import { QrCode } from "@/components/account/qr-code";
import { RecoveryCodesForm } from "@/components/account/recovery-codes-form";
import { DisableSecondFactorForm, StartEnrolmentForm } from "@/components/account/second-factor-forms";
import { formatMoment } from "@/lib/i18n/format";

export default async function SecurityPage() {
  const user = await requireUser({ allow: ["secondFactorSetup"] });
  const [status, t, locale] = await Promise.all([secondFactorStatus(user), getTranslations("secondFactor"), getLocale()]);
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>
        <Link href="/account/password" className="text-sky-800 underline">
          {t("changePassword")}
        </Link>
      </p>
      {user.secondFactorMissing && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("requiredNotice")}
        </p>
      )}
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <p data-testid="second-factor-state">
          {status.state === "on"
            ? t("stateOn", { date: formatMoment(locale, status.enabledAt), left: status.recoveryCodesLeft })
            : t("stateOff")}
        </p>
        {status.state === "off" && <StartEnrolmentForm action={startEnrolmentAction} />}
        {status.state === "enrolling" && (
          <div className="space-y-2">
            <p className="text-sm">{t("scan")}</p>
            <QrCode text={status.uri} label={t("qrLabel")} />
            <p className="text-sm">
              {t("manualKey")}{" "}
              <code className="break-all rounded bg-slate-100 px-1" data-testid="totp-secret">
                {status.secret}
              </code>
            </p>
          </div>
        )}
        {/* One slot for both forms: after enrolment is confirmed the page re-renders as "on", and
            this component keeps its state, so the recovery codes just issued stay on screen. */}
        {status.state !== "off" && (
          <RecoveryCodesForm
            action={status.state === "enrolling" ? confirmEnrolmentAction : renewRecoveryCodesAction}
            submitLabel={status.state === "enrolling" ? t("confirm") : t("renew")}
            testId={status.state === "enrolling" ? "confirm-enrolment" : "renew-recovery-codes"}
          />
        )}
      </section>
      {status.state === "on" && !status.required && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-lg font-semibold">{t("disableTitle")}</h2>
          <DisableSecondFactorForm action={disableSecondFactorAction} />
        </section>
      )}
    </div>
  );
}
