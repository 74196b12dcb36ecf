import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { AppHeader } from "@/components/shell/app-header";

// The layout only needs the user for the header; each page checks access itself, since
// layouts do not re-run on client navigation. The header shows on the password-change page too.
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const [user, t] = await Promise.all([requireUser({ allow: ["passwordChange", "secondFactorSetup"] }), getTranslations("app")]);
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t("skipToContent")}
      </a>
      <AppHeader user={user} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
