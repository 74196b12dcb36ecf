import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/shell/language-switcher";

/** The frame of the signed-out pages: the sign-in form and the second-factor code. */
export async function AuthCard({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  const tApp = await getTranslations("app");
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <div className="mb-4 flex justify-end">
        <LanguageSwitcher />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold uppercase tracking-wide text-sky-800">{tApp("name")}</p>
        <h1 className="mt-1 text-2xl font-semibold">{title}</h1>
        <p className="mt-2 text-sm text-slate-600">{intro}</p>
        <div className="mt-6">{children}</div>
      </div>
    </main>
  );
}
