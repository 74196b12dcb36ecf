import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CurrentUser } from "@/lib/auth/current-user";
import { LanguageSwitcher } from "./language-switcher";
import { NAV_ITEMS } from "./nav-items";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

export async function AppHeader({ user }: { user: CurrentUser }) {
  const [t, tApp, tRoles] = await Promise.all([getTranslations("nav"), getTranslations("app"), getTranslations("roles")]);
  const items = NAV_ITEMS.filter((item) => item.shown(user));
  // Two rows, so that long names and the Russian and Kazakh labels never push the account
  // controls onto a line of their own: the account and language strip, then the app's sections.
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="border-b border-slate-100 bg-slate-50">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-end gap-x-4 gap-y-1 px-4 py-1.5">
          <LanguageSwitcher />
          <p className="text-sm text-slate-700" data-testid="signed-in-as">
            {t("signedInAs", { name: user.name, role: tRoles(user.role) })}
          </p>
          <Link href="/account/security" className="text-sm text-sky-800 underline">
            {t("security")}
          </Link>
          <SignOutButton />
        </div>
      </div>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-sky-900">
          {tApp("name")}
        </Link>
        <nav aria-label={t("main")} className="flex flex-1 flex-wrap gap-2">
          {items.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {t(item.labelKey)}
            </NavLink>
          ))}
        </nav>
      </div>
    </header>
  );
}
