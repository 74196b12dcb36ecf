"use client";

import { signOutAction } from "@/app/actions";

/** Signing out also forgets what this tab kept for the user (the registry's last search). */
export function SignOutForm({ label }: { label: string }) {
  return (
    <form action={signOutAction} onSubmit={() => sessionStorage.clear()}>
      <button type="submit" className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100">
        {label}
      </button>
    </form>
  );
}
