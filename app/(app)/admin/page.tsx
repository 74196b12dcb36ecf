import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/admin/users";
import { listRegionsForAdmin } from "@/lib/admin/admin-regions";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { AdminNav } from "@/components/admin/admin-nav";
import { formatMoment } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

export default async function AdminUsersPage() {
  const user = await requireUser();
  const [users, regions] = await pageOrNotFound(() => Promise.all([listUsers(user), listRegionsForAdmin(user)]));
  const [t, tRoles, locale] = await Promise.all([getTranslations("admin"), getTranslations("roles"), getLocale() as Promise<Locale>]);
  const regionName = new Map(regions.map((r) => [r.id, r[locale]]));
  return (
    <div className="space-y-6">
      <AdminNav current="users" />
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("usersTitle")}</h1>
        <Link href="/admin/users/new" className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900">
          {t("newUser")}
        </Link>
      </div>
      {/* Scrolls within itself on a phone instead of widening the page. */}
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="users-table">
          <caption className="sr-only">{t("usersTitle")}</caption>
          <thead className="border-b border-slate-300 text-slate-600">
            <tr>
              <th scope="col" className="py-2 pr-3">
                {t("name")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("email")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("role")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("regions")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("state")}
              </th>
              <th scope="col" className="py-2 pr-3">
                {t("lastSignIn")}
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100">
                <td className="py-2 pr-3">
                  <Link href={`/admin/users/${u.id}`} className="text-sky-800 underline">
                    {u.name}
                  </Link>
                </td>
                <td className="py-2 pr-3">{u.email}</td>
                <td className="py-2 pr-3">{tRoles(u.role)}</td>
                <td className="py-2 pr-3">{u.regionIds.map((id) => regionName.get(id)).join(", ")}</td>
                <td className="py-2 pr-3">
                  {[
                    !u.active && t("inactive"),
                    u.locked && t("locked"),
                    u.lockedUntil && t("lockedUntil", { time: formatMoment(locale, u.lockedUntil) }),
                    u.mustChangePassword && t("mustChangePassword"),
                  ]
                    .filter(Boolean)
                    .join(" · ") || t("activeState")}
                </td>
                <td className="py-2 pr-3">{u.lastSignInAt ? u.lastSignInAt.slice(0, 16).replace("T", " ") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
