import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { readConfirmationSettings } from "@/lib/admin/confirmation-settings";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { AdminNav } from "@/components/admin/admin-nav";
import { ConfirmationSettingsForm } from "@/components/admin/confirmation-settings-form";

export default async function ConfirmationSettingsPage() {
  const user = await requireUser();
  const settings = await pageOrNotFound(() => readConfirmationSettings(user));
  const t = await getTranslations("admin.confirmationSettings");
  return (
    <div className="max-w-3xl space-y-6">
      <AdminNav current="fourEyes" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("explain")}</p>
      <p className="text-sm text-slate-600" data-testid="transfer-always">
        {t("transferAlways")}
      </p>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <ConfirmationSettingsForm settings={settings} />
      </section>
    </div>
  );
}
