import type { CurrentUser } from "@/lib/auth/current-user";
import { canAtAll } from "@/lib/policy/can";
import type { Action } from "@/lib/policy/permissions";
import { mayListImportBatches } from "@/lib/import/import-batches";

const allowed = (action: Action) => (user: CurrentUser) => canAtAll(user, action);

/** The navigation, each entry shown only to those the policy lets use its page. */
export const NAV_ITEMS: readonly {
  href: string;
  labelKey: "home" | "tasks" | "cases" | "review" | "dashboard" | "import" | "audit" | "admin";
  shown: (user: CurrentUser) => boolean;
}[] = [
  { href: "/", labelKey: "home", shown: () => true },
  { href: "/tasks", labelKey: "tasks", shown: allowed("task.view") },
  { href: "/cases", labelKey: "cases", shown: allowed("case.view") },
  { href: "/review", labelKey: "review", shown: allowed("review.view") },
  { href: "/dashboard", labelKey: "dashboard", shown: allowed("dashboard.view") },
  // An auditor reads every import batch there without importing.
  { href: "/import", labelKey: "import", shown: (user) => canAtAll(user, "import.run") || mayListImportBatches(user) },
  { href: "/audit", labelKey: "audit", shown: allowed("audit.read") },
  { href: "/admin", labelKey: "admin", shown: allowed("admin.manage") },
];
