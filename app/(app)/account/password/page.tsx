import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validation/password-policy";
import { PasswordChangeForm } from "@/components/account/password-change-form";

export default async function PasswordPage() {
  const user = await requireUser({ allow: ["passwordChange"] });
  const t = await getTranslations("account");
  return (
    <div className="max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {user.mustChangePassword && (
        <p role="status" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {t("mustChange")}
        </p>
      )}
      <PasswordChangeForm rules={t("rules", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })} />
    </div>
  );
}
