import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import { LoginForm } from "@/components/auth/login-form";
import { LanguageSwitcher } from "@/components/shell/language-switcher";

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  if (await getCurrentUser()) redirect("/");
  const [t, tApp, params] = await Promise.all([getTranslations("login"), getTranslations("app"), searchParams]);
  const callbackUrl = typeof params.callbackUrl === "string" ? params.callbackUrl : null;
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4">
      <div className="mb-4 flex justify-end">
        <LanguageSwitcher />
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
        <p className="text-sm font-semibold uppercase tracking-wide text-sky-800">{tApp("name")}</p>
        <h1 className="mt-1 text-2xl font-semibold">{t("title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("intro")}</p>
        <div className="mt-6">
          <LoginForm callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
