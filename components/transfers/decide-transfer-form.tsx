"use client";

import { useTranslations } from "next-intl";
import { acceptTransferAction, rejectTransferAction } from "@/app/(app)/review/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";

type Props = { groupId: string; caseworkers: { id: string; name: string }[] };

/**
 * The receiving supervisor's decision on a whole transfer: accept, naming the caseworker who takes
 * the cases, or reject with the reason. A transfer decided meanwhile is refused, not decided twice.
 */
export function DecideTransferForm({ groupId, caseworkers }: Props) {
  const t = useTranslations("review.toConfirm");
  const tCase = useTranslations("case.transfer");
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <ActionForm action={acceptTransferAction} submitLabel={t("accept")} pendingLabel={t("accepting")} testId="accept-transfer">
        {({ fieldErrors: e, values }) => (
          <>
            <input type="hidden" name="groupId" value={groupId} />
            <SelectField
              id={`accept-${groupId}-caseworker`}
              name="caseworkerId"
              label={t("newCaseworker")}
              error={e.caseworkerId}
              defaultValue={values.caseworkerId ?? ""}
              choices={caseworkers.map((c) => ({ value: c.id, label: c.name }))}
              placeholder={tCase("choose")}
            />
            <CommentField id={`accept-${groupId}-comment`} label={t("comment")} error={e.comment} value={values.comment} />
          </>
        )}
      </ActionForm>
      <ActionForm action={rejectTransferAction} submitLabel={t("rejectTransfer")} pendingLabel={t("rejecting")} testId="reject-transfer">
        {({ fieldErrors: e, values }) => (
          <>
            <input type="hidden" name="groupId" value={groupId} />
            <CommentField id={`reject-${groupId}-comment`} label={t("rejectReason")} error={e.comment} value={values.comment} />
          </>
        )}
      </ActionForm>
    </div>
  );
}

function CommentField({ id, label, error, value }: { id: string; label: string; error?: string; value?: string }) {
  return (
    <FormField id={id} label={label} error={error}>
      {(describedBy, invalid) => (
        <textarea
          id={id}
          name="comment"
          rows={2}
          maxLength={2000}
          defaultValue={value ?? ""}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={inputClass}
        />
      )}
    </FormField>
  );
}
