import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { canAtAll } from "@/lib/policy/can";
import { listCases } from "@/lib/cases/registry";
import { getRegistryOptions } from "@/lib/cases/registry-options";
import { RegistryFilters } from "@/lib/validation/registry";
import { CaseRegistry } from "@/components/cases/case-registry";
import { RegistryFilters as FiltersForm } from "@/components/cases/registry-filters";
import { ExportDialog } from "@/components/exports/export-dialog";

/** The filters in force, as the form fields a set export sends. */
function definedFilters(filters: RegistryFilters): Record<string, string> {
  const { sort: _sort, ...rest } = filters;
  return Object.fromEntries(
    Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function CasesPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!canAtAll(user, "case.view")) notFound();
  const raw = await searchParams;
  const parsed = RegistryFilters.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  // A hand-edited URL with a nonsense filter shows the unfiltered registry rather than an error page.
  const filters = parsed.success ? parsed.data : RegistryFilters.parse({});
  const [t, options, initial] = await Promise.all([
    getTranslations("registry"),
    getRegistryOptions(user),
    listCases(user, { ...filters, q: "", cursor: undefined }),
  ]);
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        {canAtAll(user, "case.create") && (
          <Link href="/cases/new" className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900">
            {t("newCase")}
          </Link>
        )}
      </div>
      <CaseRegistry
        filters={filters}
        initial={initial}
        regions={options.regions}
        userId={user.id}
        filtersForm={<FiltersForm filters={filters} options={options} />}
      />
      {canAtAll(user, "export.history") && <ExportDialog endpoint="/api/exports/history" variant="set" filters={definedFilters(filters)} />}
    </div>
  );
}
