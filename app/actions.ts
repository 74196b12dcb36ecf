"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { sessionCookieName } from "@/lib/auth/options";
import { endSession } from "@/lib/auth/session-store";
import { z } from "zod";
import { LOCALES, LOCALE_COOKIE } from "@/lib/i18n/locales";
import { formValues } from "@/lib/validation/action-state";

const SetLocaleInput = z.object({ locale: z.enum(LOCALES) });

/** The language is a display preference of this browser; it grants nothing, so it needs no session. */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const parsed = SetLocaleInput.safeParse(formValues(formData));
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 365,
  });
  revalidatePath("/", "layout");
}

/**
 * Ends the server-side session first, then drops the cookie: a copy of the cookie kept
 * elsewhere is refused from this moment. A plain form post, so it works before any script runs.
 */
export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await endSession(user.sessionId, "sign_out", user.id);
  (await cookies()).delete(sessionCookieName());
  redirect("/login");
}
