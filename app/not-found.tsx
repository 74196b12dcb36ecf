import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="mt-2 text-slate-700">{t("notFound")}</p>
      <Link href="/" className="mt-6 inline-block text-sky-800 underline">
        {t("backHome")}
      </Link>
    </main>
  );
}
