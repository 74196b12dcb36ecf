import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { getSignedInSession, requireUser } from "@/lib/auth/current-user";
import { takeFailuresToTell } from "@/lib/auth/session-store";
import { AppHeader } from "@/components/shell/app-header";

// The layout only needs the user for the header; each page checks access itself, since
// layouts do not re-run on client navigation. The header shows on the password-change page too.
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const [user, t] = await Promise.all([requireUser({ allow: ["passwordChange", "secondFactorSetup"] }), getTranslations("app")]);
  // The owner hears of attempts on their account at once, the first page after signing in.
  // The session's read (already made for requireUser) found how many; taking them writes only then.
  const failures = await takeFailuresToTell(user.sessionId, (await getSignedInSession())?.failuresToTell ?? 0);
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t("skipToContent")}
      </a>
      <AppHeader user={user} />
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {failures > 0 && (
          <p
            role="status"
            data-testid="failures-since-last-sign-in"
            className="mb-6 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
          >
            {t("failuresSinceLastSignIn", { count: failures })}
          </p>
        )}
        {children}
      </main>
    </>
  );
}
