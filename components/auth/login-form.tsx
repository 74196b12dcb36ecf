"use client";

import { useState, useSyncExternalStore, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { sameOriginPath } from "@/lib/http/safe-callback";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<"failed" | "unavailable" | "missing" | null>(null);
  // True once hydrated (false in the server's HTML), so a test knows the submit handler is attached.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // An empty field cannot sign anyone in: say so here instead of sending it as a failed attempt.
    const empty = (["email", "password"] as const).find((field) => !textOf(form.get(field)).trim());
    if (empty) {
      setError("missing");
      event.currentTarget.querySelector<HTMLInputElement>(`#${empty}`)?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: textOf(form.get("email")),
        password: textOf(form.get("password")),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // A full navigation, so the signed-in layout renders from the server with the new cookie.
        // Only this site may follow sign-in; anything else would make the form an open redirect.
        window.location.assign(sameOriginPath(callbackUrl, window.location.origin));
        return;
      }
      setError("failed");
    } catch {
      setError("unavailable");
    }
    setPending(false);
  }

  return (
    // method="post": a submit before the script has loaded must never put the password in a URL.
    <form onSubmit={(event) => void onSubmit(event)} method="post" className="space-y-4" noValidate data-ready={ready}>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-describedby={error ? "login-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          {t("password")}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-describedby={error ? "login-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </div>
      <div aria-live="polite" id="login-error">
        {error && (
          <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t(error)}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-sky-800 px-4 py-2 font-medium text-white hover:bg-sky-900 disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}

// Whether the page is hydrated never changes after it is, so there is nothing to subscribe to.
function noSubscription(): () => void {
  return () => {};
}

// The form has only text inputs; a file where text belongs reads as empty.
function textOf(value: FormDataEntryValue | null): string {
  return typeof value === "string" ? value : "";
}
