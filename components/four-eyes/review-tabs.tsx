import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReviewTab } from "@/lib/validation/review";

/** The review page's two lists, for those who confirm changes: who needs a program, and what waits for their confirmation. */
export async function ReviewTabs({ current, toConfirm }: { current: ReviewTab; toConfirm: number }) {
  const t = await getTranslations("review.toConfirm");
  const tabs: { tab: ReviewTab; href: string; label: string }[] = [
    { tab: "queue", href: "/review", label: t("queueTab") },
    { tab: "confirm", href: "/review?tab=confirm", label: t("tab", { count: toConfirm }) },
  ];
  return (
    <nav aria-label={t("title")} className="flex gap-4 border-b border-slate-200 pb-2 text-sm" data-testid="review-tabs">
      {tabs.map(({ tab, href, label }) => (
        <Link
          key={tab}
          href={href}
          aria-current={tab === current ? "page" : undefined}
          className="text-sky-800 underline aria-[current=page]:font-semibold aria-[current=page]:text-slate-900 aria-[current=page]:no-underline"
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
