"use client";

import { useTranslations } from "next-intl";

/** The box that confirms an action that cannot simply be undone; its error is tied to it. */
export function ConfirmField({ id, label, error }: { id: string; label: string; error?: string }) {
  const t = useTranslations("errors.fields");
  return (
    <div>
      <label className="flex min-h-6 items-center gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          name="confirm"
          className="size-5"
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {label}
      </label>
      <p id={`${id}-error`} aria-live="polite" className="mt-1 text-sm text-red-800">
        {error ? t(error as "required") : null}
      </p>
    </div>
  );
}
