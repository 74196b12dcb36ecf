import { getTranslations } from "next-intl/server";

type Values = Partial<Record<"actor" | "action" | "caseNumber" | "from" | "to", string | undefined>>;

const FIELDS = [
  { name: "actor", type: "text" },
  { name: "caseNumber", type: "text" },
  { name: "from", type: "date" },
  { name: "to", type: "date" },
] as const;

/** A plain GET form: the filters name no person, so they may live in the URL and work without script. */
export async function AuditFilters({
  values,
  errors,
  actions,
}: {
  values: Values;
  errors: Record<string, string>;
  actions: { value: string; label: string }[];
}) {
  const [t, tErrors] = await Promise.all([getTranslations("audit"), getTranslations("errors.fields")]);
  return (
    <form
      method="get"
      action="/audit"
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 lg:grid-cols-6"
      data-testid="audit-filters"
    >
      {FIELDS.map((field) => (
        <div key={field.name}>
          <label htmlFor={`audit-${field.name}`} className="block text-sm font-medium">
            {t(`filters.${field.name}`)}
          </label>
          <input
            id={`audit-${field.name}`}
            name={field.name}
            type={field.type}
            defaultValue={values[field.name] ?? ""}
            aria-invalid={Boolean(errors[field.name])}
            aria-describedby={errors[field.name] ? `audit-${field.name}-error` : undefined}
            className="mt-1 w-full rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
          />
          {errors[field.name] && (
            <p id={`audit-${field.name}-error`} className="mt-1 text-sm text-red-800">
              {tErrors(errors[field.name] as "invalid")}
            </p>
          )}
        </div>
      ))}
      <div>
        <label htmlFor="audit-action" className="block text-sm font-medium">
          {t("filters.action")}
        </label>
        <select
          id="audit-action"
          name="action"
          defaultValue={values.action ?? ""}
          aria-invalid={Boolean(errors.action)}
          aria-describedby={errors.action ? "audit-action-error" : undefined}
          className="mt-1 w-full rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-600"
        >
          <option value="">{t("filters.anyAction")}</option>
          {[...actions]
            .sort((a, b) => a.label.localeCompare(b.label))
            .map((action) => (
              <option key={action.value} value={action.value}>
                {action.label}
              </option>
            ))}
        </select>
        {errors.action && (
          <p id="audit-action-error" className="mt-1 text-sm text-red-800">
            {tErrors(errors.action as "invalid")}
          </p>
        )}
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className="rounded bg-sky-800 px-3 py-1 text-white hover:bg-sky-900">
          {t("filters.apply")}
        </button>
        <a href="/audit" className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100">
          {t("filters.reset")}
        </a>
      </div>
    </form>
  );
}
