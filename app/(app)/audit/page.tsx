import { getLocale, getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth/current-user";
import { lastVerification, listAuditEvents } from "@/lib/auditing/audit-log";
import { pageOrNotFound } from "@/lib/actions/page-or-not-found";
import { reachOf } from "@/lib/policy/permissions";
import { fieldErrorsOf } from "@/lib/validation/action-state";
import { AuditLogQuery } from "@/lib/validation/audit-log";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyLogForm } from "@/components/audit/verify-log-form";
import { CheckpointDownload } from "@/components/audit/checkpoint-download";
import { formatMoment } from "@/lib/i18n/format";
import { changeVocabulary } from "@/lib/audit/change-vocabulary";
import { AUDIT_ACTIONS } from "@/lib/audit/audit-actions";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const user = await requireUser();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = AuditLogQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : {};
  // Filters that cannot be read select nothing: an unfiltered log is not what was asked for.
  const [page, verification, t, locale, vocabulary] = await Promise.all([
    parsed.success ? pageOrNotFound(() => listAuditEvents(user, query)) : Promise.resolve({ rows: [], nextCursor: null }),
    pageOrNotFound(() => lastVerification(user)),
    getTranslations("audit"),
    getLocale(),
    changeVocabulary(),
  ]);
  const scope = reachOf(user.role, "audit.read");
  const nextHref = page.nextCursor
    ? `/audit?${new URLSearchParams({ ...(Object.fromEntries(Object.entries(query).filter(([k, v]) => k !== "cursor" && typeof v === "string")) as Record<string, string>), cursor: page.nextCursor }).toString()}`
    : null;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t(`scope.${scope}` as "scope.all")}</p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="verification">
        <h2 className="text-lg font-semibold">{t("verificationTitle")}</h2>
        {verification ? (
          <p className={verification.ok ? "text-emerald-800" : "font-semibold text-red-800"}>
            {t(verification.ok ? "verifiedOk" : "verifiedBroken", {
              at: formatMoment(locale, verification.finishedAt),
              chains: verification.chains,
              events: verification.events,
            })}
            {verification.detail && <span className="block text-sm">{verification.detail}</span>}
          </p>
        ) : (
          <p className="text-slate-700">{t("neverVerified")}</p>
        )}
        <p className="mt-1 text-sm text-slate-600">{t("verifyHint")}</p>
        {scope === "all" && <VerifyLogForm />}
      </section>
      {scope === "all" && (
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="checkpoint">
          <h2 className="text-lg font-semibold">{t("checkpointTitle")}</h2>
          <p className="mt-1 text-sm text-slate-600">{t("checkpointHint")}</p>
          <CheckpointDownload />
        </section>
      )}
      <AuditFilters
        values={parsed.success ? query : raw}
        errors={parsed.success ? {} : fieldErrorsOf(parsed.error)}
        actions={AUDIT_ACTIONS.map((action) => ({ value: action, label: vocabulary.action(action) }))}
      />
      {parsed.success ? (
        <AuditTable rows={page.rows} canOpenCases={scope !== "system"} />
      ) : (
        <p className="text-slate-700" data-testid="audit-filters-invalid">
          {t("filtersInvalid")}
        </p>
      )}
      {nextHref && (
        <a
          href={nextHref}
          className="inline-block rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
          data-testid="audit-next"
        >
          {t("nextPage")}
        </a>
      )}
    </div>
  );
}
