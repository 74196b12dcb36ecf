"use client";

import { FormField, inputClass } from "./form-field";

type Common = { id: string; name: string; label: string; error?: string; hint?: string };

/** A labelled input (a date, a number, a line of text), its error tied to it. */
export function InputField({
  id,
  name,
  label,
  error,
  hint,
  type = "text",
  defaultValue,
  max,
  maxLength,
  inputMode,
}: Common & { type?: "text" | "date" | "number"; defaultValue: string; max?: string; maxLength?: number; inputMode?: "numeric" }) {
  return (
    <FormField id={id} label={label} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={defaultValue}
          max={max}
          maxLength={maxLength}
          inputMode={inputMode}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={inputClass}
        />
      )}
    </FormField>
  );
}

/** A labelled text area for a note. */
export function TextAreaField({ id, name, label, error, hint, defaultValue, rows = 3 }: Common & { defaultValue: string; rows?: number }) {
  return (
    <FormField id={id} label={label} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <textarea
          id={id}
          name={name}
          rows={rows}
          defaultValue={defaultValue}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={inputClass}
        />
      )}
    </FormField>
  );
}
