import { getTranslations } from "next-intl/server";
import { SignOutForm } from "./sign-out-form";

export async function SignOutButton() {
  const t = await getTranslations("nav");
  return <SignOutForm label={t("signOut")} />;
}
