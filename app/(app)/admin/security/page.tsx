import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { readSecondFactorRoles } from "@/lib/admin/second-factor-roles";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { AdminNav } from "@/components/admin/admin-nav";
import { SecondFactorRolesForm } from "@/components/admin/second-factor-roles-form";

export default async function SecuritySettingsPage() {
  const user = await requireUser();
  const setting = await pageOrNotFound(() => readSecondFactorRoles(user));
  const t = await getTranslations("admin.security");
  return (
    <div className="max-w-2xl space-y-6">
      <AdminNav current="security" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("secondFactorTitle")}</h2>
        <p className="text-sm text-slate-600">{t("secondFactorExplain")}</p>
        <SecondFactorRolesForm roles={setting.roles} version={setting.version} />
      </section>
    </div>
  );
}
