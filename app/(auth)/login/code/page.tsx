import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AuthCard } from "@/components/auth/auth-card";
import { SecondFactorForm } from "@/components/auth/second-factor-form";
import { SignOutButton } from "@/components/shell/sign-out-button";

export default async function SecondFactorPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!user.secondFactorPending) redirect("/");
  const t = await getTranslations("secondFactor");
  return (
    <AuthCard title={t("signInTitle")} intro={t("signInIntro")}>
      <SecondFactorForm />
      <div className="mt-6 border-t border-slate-200 pt-4 text-sm">
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
