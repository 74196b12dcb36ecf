"use client";

import { useTranslations } from "next-intl";
import { FormField, inputClass } from "@/components/ui/form-field";

type Props = { id: string; confirmers: { id: string; name: string }[]; value: string; error?: string };

/** The optional choice of who should confirm, should the change wait for a second person. */
export function SuggestedConfirmerField({ id, confirmers, value, error }: Props) {
  const t = useTranslations("case.changeRequests");
  if (confirmers.length === 0) return null;
  return (
    <FormField id={id} label={t("suggestedConfirmer")} error={error}>
      {(describedBy, invalid) => (
        <select
          id={id}
          name="suggestedConfirmerId"
          defaultValue={value}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={inputClass}
        >
          <option value="">{t("anyConfirmer")}</option>
          {confirmers.map((confirmer) => (
            <option key={confirmer.id} value={confirmer.id}>
              {confirmer.name}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
