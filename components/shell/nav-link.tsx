"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** A section link that says, to the eye and to screen readers, which section the page is in. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const current = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={
        current
          ? "whitespace-nowrap rounded bg-sky-50 px-2 py-1 text-sm font-semibold text-sky-900"
          : "whitespace-nowrap rounded px-2 py-1 text-sm hover:bg-slate-100"
      }
    >
      {children}
    </Link>
  );
}
