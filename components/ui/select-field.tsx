"use client";

import { FormField, inputClass } from "./form-field";

type Props = {
  id: string;
  name: string;
  label: string;
  error?: string;
  defaultValue: string;
  choices: { value: string; label: string }[];
  placeholder?: string;
};

/** A labelled select with its error tied to it; `placeholder` adds an empty first choice. */
export function SelectField({ id, name, label, error, defaultValue, choices, placeholder }: Props) {
  return (
    <FormField id={id} label={label} error={error}>
      {(describedBy, invalid) => (
        <select
          id={id}
          name={name}
          defaultValue={defaultValue}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={inputClass}
        >
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
