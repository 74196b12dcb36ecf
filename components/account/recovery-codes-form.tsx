"use client";

import { useTranslations } from "next-intl";
import type { RecoveryCodesState } from "@/app/(app)/account/security/actions";
import { FormField, inputClass } from "@/components/ui/form-field";
import { FormMessage } from "@/components/ui/form-message";
import { useFormRounds } from "@/components/ui/use-form-rounds";
import { initialActionState } from "@/lib/validation/action-state";

type Props = {
  action: (previous: RecoveryCodesState, formData: FormData) => Promise<RecoveryCodesState>;
  submitLabel: string;
  testId: string;
};

/**
 * A six-digit code from the authenticator app, answered with new recovery codes. The codes live
 * only in this component's state: the page around it re-renders after the change and they stay
 * on screen until the user leaves, never to be shown again.
 */
export function RecoveryCodesForm({ action, submitLabel, testId }: Props) {
  const t = useTranslations("secondFactor");
  const tMessages = useTranslations("formMessages");
  const { state, formAction, pending, form, answer } = useFormRounds<RecoveryCodesState>(action, initialActionState);
  if (state.recoveryCodes) {
    return (
      <div
        ref={answer}
        tabIndex={-1}
        role="status"
        className="space-y-2 rounded border border-emerald-300 bg-emerald-50 p-3"
        data-testid="recovery-codes"
      >
        <p className="font-medium">{tMessages(state.message as "secondFactorEnabled")}</p>
        <p className="text-sm">{t("recoveryCodesExplain")}</p>
        <ul className="grid grid-cols-2 gap-1 font-mono text-sm">
          {state.recoveryCodes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load after the account changed on the server: nothing the client router cached before the second factor was set is reused */}
        <a href="/" className="inline-block text-sm text-sky-800 underline">
          {t("continue")}
        </a>
      </div>
    );
  }
  return (
    <form ref={form} action={formAction} className="mt-3 space-y-3" noValidate data-testid={testId}>
      <FormField id={`${testId}-code`} label={t("code")} error={state.fieldErrors.code}>
        {(describedBy, invalid) => (
          <input
            id={`${testId}-code`}
            name="code"
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            className={inputClass}
          />
        )}
      </FormField>
      <FormMessage state={state} success={false} ref={answer} />
      <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
        {pending ? t("verifying") : submitLabel}
      </button>
    </form>
  );
}
