import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions";

export async function SignOutButton() {
  const t = await getTranslations("nav");
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
        {t("signOut")}
      </button>
    </form>
  );
}
