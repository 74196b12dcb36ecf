import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { listRegionsForAdmin } from "@/lib/admin/admin-regions";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validation/password-policy";
import { AdminNav } from "@/components/admin/admin-nav";
import { UserForm } from "@/components/admin/user-form";

export default async function NewUserPage() {
  const user = await requireUser();
  const regions = await pageOrNotFound(() => listRegionsForAdmin(user));
  const [t, tAccount] = await Promise.all([getTranslations("admin"), getTranslations("account")]);
  return (
    <div className="max-w-2xl space-y-6">
      <AdminNav current="users" />
      <h1 className="text-2xl font-semibold">{t("newUser")}</h1>
      <p className="text-sm text-slate-600">{t("newUserExplain")}</p>
      <UserForm regions={regions} rules={tAccount("rules", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })} />
    </div>
  );
}
