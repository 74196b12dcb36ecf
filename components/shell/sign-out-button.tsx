import { getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/actions";

export async function SignOutButton() {
  const t = await getTranslations("nav");
  return (
    <form action={signOutAction}>
      <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100">
        {t("signOut")}
      </button>
    </form>
  );
}
