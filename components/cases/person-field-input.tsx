"use client";

import { useTranslations } from "next-intl";
import { PERSON_FIELDS, type PersonFieldName } from "@/lib/validation/person-fields";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";

/** The choices of the selects whose options come from reference tables, in the reader's language. */
export type ReferenceChoices = Record<"regions" | "operations", { value: string; label: string }[]>;

type Props = {
  field: PersonFieldName;
  /** Unique on the page: the case page holds other forms beside this one. */
  id: string;
  /** What the user typed, or the record as it is ("on" for a ticked box); undefined when neither is known. */
  value: string | undefined;
  error?: string;
  /** A new case's fields start as the declaration says (an empty choice, a default country). */
  registering: boolean;
  references?: ReferenceChoices;
};

/** One of the person's fields, labelled and shown as person-fields.ts declares it. */
export function PersonFieldInput({ field, id, value, error, registering, references }: Props) {
  const t = useTranslations();
  const declared = PERSON_FIELDS[field];
  const input = declared.input;
  const label = t(declared.label as "newCase.title");
  switch (input.kind) {
    case "checkbox":
      return (
        <label className="flex items-center gap-2 self-end pb-8 text-sm">
          <input type="checkbox" name={field} defaultChecked={value === "on"} /> {label}
        </label>
      );
    case "select": {
      const choices =
        typeof input.options === "string"
          ? (references?.[input.options] ?? [])
          : input.options
              .filter((o) => !("keptOnly" in input && input.keptOnly.some((kept) => kept === o.value)) || o.value === value)
              .map((o) => ({ value: o.value, label: t(o.label as "newCase.title") }));
      const placeholder = registering && "startsEmpty" in input ? t("newCase.choose") : undefined;
      return (
        <SelectField
          id={id}
          name={field}
          label={label}
          error={error}
          defaultValue={value ?? ""}
          choices={choices}
          placeholder={placeholder}
        />
      );
    }
    case "text":
    case "date": {
      const hint = "hint" in input ? t(input.hint as "newCase.title") : undefined;
      const initial = registering && "initial" in input ? input.initial : "";
      return (
        <FormField id={id} label={label} error={error} hint={hint}>
          {(describedBy, invalid) => (
            <input
              id={id}
              name={field}
              type={input.kind}
              defaultValue={value ?? initial}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </FormField>
      );
    }
  }
}
