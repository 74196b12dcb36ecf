"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";

/**
 * Fetches a signed checkpoint and hands it to the browser as a download. From script, because the
 * app's no-referrer policy makes a plain form send `Origin: null`, which the route refuses; a
 * refusal then shows here instead of replacing the page.
 */
export function CheckpointDownload() {
  const t = useTranslations("audit");
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);

  async function download() {
    setPending(true);
    setFailed(null);
    try {
      const response = await fetch("/api/audit/checkpoint", { method: "POST", credentials: "same-origin" });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { reference?: string };
        setFailed(body.reference ?? "—");
        return;
      }
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ?? "zhusan-checkpoint.json";
      link.click();
      URL.revokeObjectURL(link.href);
    } catch {
      setFailed("—");
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="mt-2">
      <button
        type="button"
        onClick={() => void download()}
        disabled={pending}
        className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60"
        data-testid="download-checkpoint"
      >
        {pending ? t("checkpointPending") : t("downloadCheckpoint")}
      </button>
      <div aria-live="polite">
        {failed && (
          <p role="alert" className="mt-2 rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t("checkpointFailed", { reference: failed })}
          </p>
        )}
      </div>
    </div>
  );
}
