"use client";

import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { FormField, inputClass } from "@/components/ui/form-field";
import { EXPORT_FORMATS, EXPORT_PROFILES } from "@/lib/validation/export";

type Props = {
  /** The endpoint: one case's history, or the set the registry's filters select. */
  endpoint: string;
  /** The registry's filters, sent with a set export. */
  filters?: Record<string, string>;
  variant: "case" | "set";
};

type Outcome = { kind: "done"; reference: string } | { kind: "failed"; error: string; reference?: string } | null;

/**
 * Asks for format, profile and reason, then fetches the file and hands it to the browser as a
 * download. Posting from script (same origin) lets a refused export show its message here,
 * next to the fields, instead of replacing the page with an error.
 */
export function ExportDialog({ endpoint, filters = {}, variant }: Props) {
  const t = useTranslations("export");
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setOutcome(null);
    setFieldErrors({});
    try {
      const response = await fetch(endpoint, { method: "POST", body: form, credentials: "same-origin" });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string; fields?: Record<string, string>; reference?: string };
        setFieldErrors(body.fields ?? {});
        setOutcome({ kind: "failed", error: body.error ?? "unexpected", reference: body.reference });
        return;
      }
      const blob = await response.blob();
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "zhusan-history";
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = name;
      link.click();
      URL.revokeObjectURL(link.href);
      setOutcome({ kind: "done", reference: response.headers.get("X-Export-Reference") ?? "" });
    } catch {
      setOutcome({ kind: "failed", error: "unexpected", reference: "—" });
    } finally {
      setPending(false);
    }
  }

  return (
    <details className="rounded border border-sky-200 bg-sky-50 p-3" data-testid="export-dialog">
      <summary className="cursor-pointer font-medium">{variant === "case" ? t("title") : t("setTitle")}</summary>
      <p className="mt-2 text-sm text-slate-700">{variant === "case" ? t("explain") : t("setExplain")}</p>
      <form onSubmit={(event) => void onSubmit(event)} className="mt-3 space-y-3" noValidate>
        {Object.entries(filters).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <fieldset>
          <legend className="text-sm font-medium">{t("format")}</legend>
          {EXPORT_FORMATS.map((format) => (
            <label key={format} className="block text-sm">
              <input type="radio" name="format" value={format} defaultChecked={format === "pdf"} className="mr-2" />
              {t(`formats.${format}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend className="text-sm font-medium">{t("profileLabel")}</legend>
          {EXPORT_PROFILES.map((profile) => (
            <label key={profile} className="block text-sm">
              <input type="radio" name="profile" value={profile} defaultChecked={profile === "full"} className="mr-2" />
              {t(`profile.${profile}`)}
            </label>
          ))}
        </fieldset>
        <FormField id={`export-reason-${variant}`} label={t("reason")} error={fieldErrors.reason}>
          {(describedBy, invalid) => (
            <input
              id={`export-reason-${variant}`}
              name="reason"
              maxLength={500}
              aria-describedby={describedBy}
              aria-invalid={invalid}
              className={inputClass}
            />
          )}
        </FormField>
        <div aria-live="polite">
          {outcome?.kind === "done" && (
            <p role="status" className="text-sm text-emerald-800">
              {t("done", { reference: outcome.reference })}
            </p>
          )}
          {outcome?.kind === "failed" && (
            <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
              {t.has(`failed.${outcome.error}` as "failed.notFound")
                ? t(`failed.${outcome.error}` as "failed.unexpected", { reference: outcome.reference ?? "—" })
                : t("failed.unexpected", { reference: outcome.reference ?? "—" })}
            </p>
          )}
        </div>
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
          {pending ? t("working") : t("submit")}
        </button>
      </form>
    </details>
  );
}
