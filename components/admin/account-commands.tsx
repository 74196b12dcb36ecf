"use client";

import { useTranslations } from "next-intl";
import { accountCommandAction, setTemporaryPasswordAction } from "@/app/(app)/admin/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { CONFIRMED_COMMANDS, type AccountCommandInput } from "@/lib/validation/account";
import { ConfirmField } from "@/components/ui/confirm-field";

type Command = AccountCommandInput["command"];

function ReasonField({ id, error, defaultValue }: { id: string; error?: string; defaultValue?: string }) {
  const t = useTranslations("admin");
  return (
    <FormField id={id} label={t("reason")} error={error}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name="reason"
          defaultValue={defaultValue ?? ""}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={inputClass}
        />
      )}
    </FormField>
  );
}

/** One account change with its required reason, e.g. deactivate or unlock. */
export function AccountCommandForm({ userId, version, command }: { userId: string; version: number; command: Command }) {
  const t = useTranslations("admin.commands");
  return (
    <div className="rounded border border-slate-200 p-3" data-testid={`command-${command}`}>
      <h3 className="font-medium">{t(`${command}.title`)}</h3>
      <p className="text-sm text-slate-600">{t(`${command}.explain`)}</p>
      <ActionForm action={accountCommandAction} submitLabel={t(`${command}.button`)} pendingLabel={t("working")} recordVersion={version}>
        {({ fieldErrors: error, values }) => (
          <>
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="version" value={version} />
            <input type="hidden" name="command" value={command} />
            <ReasonField id={`reason-${command}`} error={error.reason ?? error.command} defaultValue={values.reason} />
            {CONFIRMED_COMMANDS.includes(command) && (
              <ConfirmField id={`confirm-${command}`} label={t(`${command}.confirm`)} error={error.confirm} />
            )}
          </>
        )}
      </ActionForm>
    </div>
  );
}

export function TemporaryPasswordForm({ userId, version, rules }: { userId: string; version: number; rules: string }) {
  const t = useTranslations("admin");
  return (
    <div className="rounded border border-slate-200 p-3" data-testid="command-temporaryPassword">
      <h3 className="font-medium">{t("commands.temporaryPassword.title")}</h3>
      <p className="text-sm text-slate-600">{t("commands.temporaryPassword.explain")}</p>
      <ActionForm
        action={setTemporaryPasswordAction}
        submitLabel={t("commands.temporaryPassword.button")}
        pendingLabel={t("commands.working")}
        recordVersion={version}
      >
        {({ fieldErrors: error, values }) => (
          <>
            <input type="hidden" name="userId" value={userId} />
            <input type="hidden" name="version" value={version} />
            <FormField id="temporaryPassword" label={t("temporaryPassword")} error={error.temporaryPassword} hint={rules}>
              {(describedBy, invalid) => (
                <input
                  id="temporaryPassword"
                  name="temporaryPassword"
                  type="password"
                  autoComplete="new-password"
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <ReasonField id="reason-temporaryPassword" error={error.reason} defaultValue={values.reason} />
          </>
        )}
      </ActionForm>
    </div>
  );
}
