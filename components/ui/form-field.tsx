"use client";

import type { ReactNode } from "react";
import { useTranslations } from "next-intl";

/** A labelled field whose error is announced and tied to the input (aria-describedby). */
export function FormField({
  id,
  label,
  error,
  children,
  hint,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
}) {
  const t = useTranslations("errors.fields");
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children(describedBy, Boolean(error))}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-800">
        {error ? t(error as "required") : null}
      </p>
    </div>
  );
}

export const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-600";
