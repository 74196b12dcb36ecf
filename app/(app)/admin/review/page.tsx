import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { readReviewSettings } from "@/lib/admin/review-settings";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { AdminNav } from "@/components/admin/admin-nav";
import { ReviewSettingsForm } from "@/components/admin/review-settings-form";

export default async function ReviewSettingsPage() {
  const user = await requireUser();
  const settings = await pageOrNotFound(() => readReviewSettings(user));
  const t = await getTranslations("admin.reviewSettings");
  return (
    <div className="max-w-3xl space-y-6">
      <AdminNav current="review" />
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("explain")}</p>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <ReviewSettingsForm settings={settings} />
      </section>
    </div>
  );
}
