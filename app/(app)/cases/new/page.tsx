import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { canAtAll } from "@/lib/policy/can";
import { getRegistryOptions } from "@/lib/cases/registry-options";
import { DUPLICATE_CHECKS_PER_HOUR } from "@/lib/cases/possible-duplicates";
import { NewCaseForm } from "@/components/cases/new-case-form";

export default async function NewCasePage() {
  const user = await requireUser();
  if (!canAtAll(user, "case.create")) notFound();
  const [t, options] = await Promise.all([getTranslations("newCase"), getRegistryOptions(user)]);
  // A case is registered only in the user's own regions (the server checks it again).
  const regions = options.regions.filter((r) => user.regionIds.includes(r.value));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <NewCaseForm regions={regions} operations={options.operations} checkLimit={DUPLICATE_CHECKS_PER_HOUR} />
    </div>
  );
}
