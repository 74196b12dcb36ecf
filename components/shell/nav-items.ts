import type { Action } from "@/lib/policy/permissions";

/** The navigation, each entry shown only to roles the policy lets perform its action. */
export const NAV_ITEMS: readonly {
  href: string;
  labelKey: "home" | "tasks" | "cases" | "review" | "dashboard" | "import" | "audit" | "admin";
  action: Action | null;
}[] = [
  { href: "/", labelKey: "home", action: null },
  { href: "/tasks", labelKey: "tasks", action: "task.view" },
  { href: "/cases", labelKey: "cases", action: "case.view" },
  { href: "/review", labelKey: "review", action: "review.view" },
  { href: "/dashboard", labelKey: "dashboard", action: "dashboard.view" },
  { href: "/import", labelKey: "import", action: "import.run" },
  { href: "/audit", labelKey: "audit", action: "audit.read" },
  { href: "/admin", labelKey: "admin", action: "admin.manage" },
];
