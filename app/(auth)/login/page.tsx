import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser, SECOND_FACTOR_PATH } from "@/lib/auth/current-user";
import { AuthCard } from "@/components/auth/auth-card";
import { LoginForm } from "@/components/auth/login-form";

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const user = await getCurrentUser();
  if (user) redirect(user.secondFactorPending ? SECOND_FACTOR_PATH : "/");
  const [t, params] = await Promise.all([getTranslations("login"), searchParams]);
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : null;
  return (
    <AuthCard title={t("title")} intro={t("intro")}>
      <LoginForm callbackUrl={callbackUrl} />
    </AuthCard>
  );
}
