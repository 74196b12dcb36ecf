"use client";

import { useTranslations } from "next-intl";

// Shows only the digest Next.js logs beside the real error, never the error's message.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("genericTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("generic", { ref: error.digest ?? "—" })}</p>
      <button type="button" onClick={reset} className="mt-6 rounded border border-slate-300 px-3 py-1">
        {t("tryAgain")}
      </button>
    </main>
  );
}
