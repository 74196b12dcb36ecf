"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/locales";

const SetLocaleInput = z.object({ locale: z.enum(LOCALES) });

/** The language is a display preference of this browser; it grants nothing, so it needs no session. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = SetLocaleInput.safeParse({ locale: formData.get("locale") });
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 365,
  });
  revalidatePath("/", "layout");
}
