import Link from "next/link";
import { getTranslations } from "next-intl/server";

/**
 * A paged panel's way on and back, as plain links that work without script. Never prefetched:
 * fetching the case page opens the case, and an opening is an audit event no one asked for.
 */
export async function PageLinks({ more, newest, testId }: { more: string | null; newest: string | null; testId: string }) {
  if (!more && !newest) return null;
  const t = await getTranslations("case");
  return (
    <p className="mt-3 flex gap-4 text-sm" data-testid={testId}>
      {more && (
        <Link href={more} prefetch={false} className="text-sky-800 underline">
          {t("showMore")}
        </Link>
      )}
      {newest && (
        <Link href={newest} prefetch={false} className="text-sky-800 underline">
          {t("newestPage")}
        </Link>
      )}
    </p>
  );
}
