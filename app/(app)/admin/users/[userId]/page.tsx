import { getLocale, getTranslations } from "next-intl/server";
import { formatMoment } from "@/lib/i18n/format";
import { z } from "zod";
import { notFound } from "next/navigation";
import { requireUser } from "@/lib/auth/current-user";
import { getUser } from "@/lib/admin/users";
import { listRegionsForAdmin } from "@/lib/admin/admin-regions";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/validation/password-policy";
import { AdminNav } from "@/components/admin/admin-nav";
import { UserForm } from "@/components/admin/user-form";
import { AccountCommandForm, TemporaryPasswordForm } from "@/components/admin/account-commands";

type Props = { params: Promise<{ userId: string }> };

export default async function UserPage({ params }: Props) {
  const user = await requireUser();
  const { userId } = await params;
  if (!z.uuid().safeParse(userId).success) notFound();
  const [account, regions] = await pageOrNotFound(() => Promise.all([getUser(user, userId), listRegionsForAdmin(user)]));
  const [t, tAccount, tRoles, locale] = await Promise.all([
    getTranslations("admin"),
    getTranslations("account"),
    getTranslations("roles"),
    getLocale(),
  ]);
  const rules = tAccount("rules", { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
  const isSelf = account.id === user.id;
  return (
    <div className="max-w-3xl space-y-6">
      <AdminNav current="users" />
      <div>
        <h1 className="text-2xl font-semibold">{account.name}</h1>
        <p className="text-sm text-slate-700" data-testid="account-state">
          {tRoles(account.role)} · {account.email} ·{" "}
          {[
            account.active ? t("activeState") : t("inactive"),
            account.locked && t("locked"),
            account.lockedUntil && t("lockedUntil", { time: formatMoment(locale, account.lockedUntil) }),
            account.mustChangePassword && t("mustChangePassword"),
            account.secondFactor && t("secondFactorOn"),
          ]
            .filter(Boolean)
            .join(" · ")}{" "}
          · {t("openSessions", { count: account.openSessions })}
        </p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("details")}</h2>
        {isSelf && <p className="text-sm text-slate-600">{t("ownRoleHint")}</p>}
        <UserForm
          regions={regions}
          rules={rules}
          existing={{
            id: account.id,
            version: account.version,
            email: account.email,
            name: account.name,
            role: account.role,
            regionIds: account.regionIds,
          }}
        />
      </section>
      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="text-lg font-semibold">{t("access")}</h2>
        {(account.locked || account.lockedUntil) && <AccountCommandForm userId={account.id} version={account.version} command="unlock" />}
        {!account.locked && !isSelf && <AccountCommandForm userId={account.id} version={account.version} command="lock" />}
        {account.active && !isSelf && <AccountCommandForm userId={account.id} version={account.version} command="deactivate" />}
        {!account.active && <AccountCommandForm userId={account.id} version={account.version} command="reactivate" />}
        {account.openSessions > 0 && <AccountCommandForm userId={account.id} version={account.version} command="endSessions" />}
        {!account.mustChangePassword && (
          <AccountCommandForm userId={account.id} version={account.version} command="requirePasswordChange" />
        )}
        {account.secondFactor && <AccountCommandForm userId={account.id} version={account.version} command="resetSecondFactor" />}
        <TemporaryPasswordForm userId={account.id} version={account.version} rules={rules} />
      </section>
    </div>
  );
}
