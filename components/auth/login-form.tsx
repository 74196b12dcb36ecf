"use client";

import { useEffect, useState, type FormEvent } from "react";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";

// Only a local path may follow sign-in; anything else would make the form an open redirect.
function safeCallback(value: string | null): string {
  return value && value.startsWith("/") && !value.startsWith("//") && !value.startsWith("/\\") ? value : "/";
}

export function LoginForm({ callbackUrl }: { callbackUrl: string | null }) {
  const t = useTranslations("login");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<"failed" | "unavailable" | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        // A full navigation, so the signed-in layout renders from the server with the new cookie.
        window.location.assign(safeCallback(callbackUrl));
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
    <form onSubmit={onSubmit} method="post" className="space-y-4" noValidate data-ready={ready}>
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
