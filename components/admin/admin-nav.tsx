import Link from "next/link";
import { getTranslations } from "next-intl/server";

const SECTIONS = [
  { key: "users", href: "/admin" },
  { key: "regions", href: "/admin/regions" },
  { key: "programs", href: "/admin/programs" },
  { key: "reference", href: "/admin/reference" },
  { key: "review", href: "/admin/review" },
  { key: "tasks", href: "/admin/tasks" },
  { key: "fourEyes", href: "/admin/four-eyes" },
  { key: "security", href: "/admin/security" },
] as const;

export async function AdminNav({ current }: { current: (typeof SECTIONS)[number]["key"] }) {
  const t = await getTranslations("admin.sections");
  return (
    <nav aria-label={t("label")} className="flex flex-wrap gap-2 border-b border-slate-200 pb-2 text-sm">
      {SECTIONS.map((section) => (
        <Link
          key={section.key}
          href={section.href}
          aria-current={section.key === current ? "page" : undefined}
          className="rounded px-2 py-1 hover:bg-slate-100 aria-[current=page]:bg-sky-100 aria-[current=page]:font-semibold"
        >
          {t(section.key)}
        </Link>
      ))}
    </nav>
  );
}
