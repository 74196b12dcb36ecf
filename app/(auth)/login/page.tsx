import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser, SECOND_FACTOR_PATH } from "@/lib/auth/current-user";
import { hasActiveAdministrator } from "@/lib/admin/create-administrator";
import { headers } from "next/headers";
import { sameOriginPath } from "@/lib/http/safe-callback";
import { appOrigin, originSettings } from "@/lib/http/same-origin";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (user) redirect(user.secondFactorPending ? SECOND_FACTOR_PATH : "/");
  const [t, params, requestHeaders, administered] = await Promise.all([
    getTranslations("login"),
    searchParams,
    headers(),
    hasActiveAdministrator(),
  ]);
  // Checked here and again in the browser against the origin the page was actually served from.
  // No origin (a request without Host) keeps nothing but the path "/".
  const origin = appOrigin(requestHeaders, originSettings());
  const callbackUrl = origin ? sameOriginPath(typeof params.callbackUrl === "string" ? params.callbackUrl : null, origin) : "/";
  return (
    <AuthCard title={t("title")} intro={t("intro")}>
      <LoginForm callbackUrl={callbackUrl} />
      {administered ? null : (
        <p className="mt-6 rounded border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="note">
          {t.rich("noAdministrator", { command: (chunks) => <code className="break-all font-mono text-xs">{chunks}</code> })}
        </p>
      )}
    </AuthCard>
  );
}
