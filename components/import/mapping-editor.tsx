"use client";

import { useLocale, useTranslations } from "next-intl";
import { isLocale, labelIn } from "@/lib/i18n/locales";
import { IMPORT_SHEETS, type ImportField, type ImportSheetName } from "@/lib/import/import-fields";
import { isUndecidedColumn, type ImportMapping, type SheetMapping } from "@/lib/import/mapping";
import type { ChoiceColumn, MappingProposal, ProposedColumn } from "@/lib/import/propose-mapping";

type Proposed = Extract<MappingProposal, { status: "proposed" }>;

/** The value of a select that leaves a column out, or leaves a value as an error: never a field or a code. */
const LEAVE = "-";
const UNANSWERED = "";

/** A field as the page names it: the template's header in the page's language, or what a one-cell column means. */
function useFieldLabel(): (sheet: ImportSheetName, field: string) => string {
  const t = useTranslations("import.mapping");
  const locale = useLocale();
  return (sheet, field) => {
    if (sheet === "persons" && field === "fullName") return t("fullName");
    if (sheet === "persons" && field === "aliases") return t("aliases");
    const fields = IMPORT_SHEETS[sheet] as readonly ImportField[];
    return fields.find((f) => f.key === field)?.headers[isLocale(locale) ? locale : "en"][0] ?? field;
  };
}

const EMPTY_SHEET: SheetMapping = { columns: [], values: {} };

/**
 * The file's columns with the field each fills, and the enumerated values no code matches, each
 * with a select, for the persons sheet and then each of the workbook's other sheets; every change
 * goes back to the server (`onChange`), which answers with the columns and values as they now
 * stand. Names that cannot be split and required fields without a column are listed, so the
 * person knows before the preview.
 */
export function MappingEditor({
  proposal,
  busy,
  onChange,
}: {
  proposal: Proposed;
  busy: boolean;
  onChange: (mapping: ImportMapping) => void;
}) {
  const t = useTranslations("import.mapping");
  const tName = useTranslations("import.problems.name");
  const tSheets = useTranslations("import.template.sheets");
  const withSheet = (sheet: ImportSheetName) => (next: SheetMapping) =>
    onChange({ ...proposal.mapping, sheets: { ...proposal.mapping.sheets, [sheet]: next } });

  return (
    <div className="space-y-5" data-testid="import-mapping">
      <p className="text-sm text-slate-700">{proposal.questions > 0 ? t("questions", { count: proposal.questions }) : t("noQuestions")}</p>
      <SheetMappingEditor
        sheet="persons"
        heading={t("columnsHeading")}
        proposed={proposal}
        mapping={proposal.mapping.sheets.persons ?? EMPTY_SHEET}
        busy={busy}
        onChange={withSheet("persons")}
      />
      {proposal.unsplitNames.length > 0 && (
        <div data-testid="import-unsplit">
          <h4 className="text-base font-semibold">{t("unsplitHeading")}</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {proposal.unsplitNames.map((name) => (
              <li key={name.row}>
                {t("unsplitRow", { row: name.row, name: name.written })} <span className="text-red-700">{tName(name.code)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {proposal.linked.map((other) => (
        <div key={other.kind} data-testid={`import-mapping-${other.kind}`}>
          <SheetMappingEditor
            sheet={other.kind}
            heading={t("sheetColumnsHeading", { sheet: other.sheet, kind: tSheets(other.kind) })}
            proposed={other}
            mapping={proposal.mapping.sheets[other.kind] ?? EMPTY_SHEET}
            busy={busy}
            onChange={withSheet(other.kind)}
          />
        </div>
      ))}
    </div>
  );
}

type SheetProposed = {
  columns: readonly ProposedColumn<string>[];
  choices: readonly ChoiceColumn<string>[];
  missing: readonly string[];
};

/** One sheet's columns and unknown values. The persons sheet keeps the plain element ids the page has always had. */
function SheetMappingEditor({
  sheet,
  heading,
  proposed,
  mapping,
  busy,
  onChange,
}: {
  sheet: ImportSheetName;
  heading: string;
  proposed: SheetProposed;
  mapping: SheetMapping;
  busy: boolean;
  onChange: (mapping: SheetMapping) => void;
}) {
  const t = useTranslations("import.mapping");
  const locale = useLocale();
  const label = useFieldLabel();
  const fieldLabel = (field: string) => label(sheet, field);
  const prefix = sheet === "persons" ? "import" : `import-${sheet}`;
  const fields = IMPORT_SHEETS[sheet] as readonly ImportField[];

  const chooseField = (column: number, field: string) => {
    const chosen = field === LEAVE ? null : field;
    // A column still a question is not in the mapping yet: the answer adds it.
    const listed = mapping.columns.some((c) => c.column === column)
      ? mapping.columns
      : [...mapping.columns, { column, header: proposed.columns.find((c) => c.column === column)?.header ?? "", field: chosen }];
    onChange({
      ...mapping,
      columns: listed.map((c) =>
        c.column === column ? { ...c, field: chosen } : chosen !== null && c.field === chosen ? { ...c, field: null } : c,
      ),
    });
  };
  const chooseValue = (field: string, key: string, code: string) => {
    const forField = { ...mapping.values[field] };
    if (code === UNANSWERED) delete forField[key];
    else forField[key] = code === LEAVE ? null : code;
    onChange({ ...mapping, values: { ...mapping.values, [field]: forField } });
  };

  const unmatched = proposed.choices.filter((choice) => choice.unmatched.length > 0);
  return (
    <div className="space-y-5">
      {proposed.missing.length > 0 && (
        <p role="alert" className="text-sm text-red-700" data-testid={`${prefix}-mapping-missing`}>
          {t("missing", { fields: proposed.missing.map(fieldLabel).join(", ") })}
        </p>
      )}
      <table className="w-full text-left text-sm" data-testid={`${prefix}-columns`}>
        <caption className="mb-2 text-left text-base font-semibold">{heading}</caption>
        <thead>
          <tr className="border-b border-slate-200">
            <th scope="col" className="py-1 pr-3">
              {t("column")}
            </th>
            <th scope="col" className="py-1 pr-3">
              {t("samples")}
            </th>
            <th scope="col" className="py-1">
              {t("field")}
            </th>
          </tr>
        </thead>
        <tbody>
          {proposed.columns.map((column) => {
            const id = `${prefix}-column-${column.column}`;
            const undecided = isUndecidedColumn(column);
            return (
              <tr key={column.column} className="border-b border-slate-100 align-top">
                <th scope="row" className="py-1 pr-3 font-normal">
                  <label htmlFor={id}>{column.header || t("noHeader", { column: column.column })}</label>
                </th>
                <td className="py-1 pr-3 text-slate-600">{column.samples.join(" · ")}</td>
                <td className="py-1">
                  <select
                    id={id}
                    value={column.field ?? LEAVE}
                    disabled={busy}
                    aria-invalid={undecided}
                    onChange={(event) => chooseField(column.column, event.target.value)}
                    className="rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-amber-600"
                  >
                    <option value={LEAVE}>{t("leaveOut")}</option>
                    {fields.map((field) => (
                      <option key={field.key} value={field.key}>
                        {fieldLabel(field.key)}
                      </option>
                    ))}
                  </select>
                  {column.suggested !== null && column.suggested !== column.field && (
                    <span className="ml-2 text-xs text-slate-600">{t("suggested", { field: fieldLabel(column.suggested) })}</span>
                  )}
                  {undecided && <span className="ml-2 text-xs text-amber-800">{t("unknownColumn")}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {unmatched.map((choice) => (
        <table key={choice.field} className="w-full text-left text-sm" data-testid={`${prefix}-values-${choice.field}`}>
          <caption className="mb-2 text-left text-base font-semibold">
            {t("valuesHeading", { header: choice.header || fieldLabel(choice.field), field: fieldLabel(choice.field) })}
          </caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1 pr-3">
                {t("written")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("rows")}
              </th>
              <th scope="col" className="py-1">
                {t("meaning")}
              </th>
            </tr>
          </thead>
          <tbody>
            {choice.unmatched.map((value) => {
              const id = `${prefix}-value-${choice.field}-${value.key.replaceAll(" ", "_")}`;
              const selected = value.mappedTo === undefined ? UNANSWERED : (value.mappedTo ?? LEAVE);
              return (
                <tr key={value.key} className="border-b border-slate-100 align-top">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    <label htmlFor={id}>{value.written}</label>
                  </th>
                  <td className="py-1 pr-3">{value.rows}</td>
                  <td className="py-1">
                    <select
                      id={id}
                      value={selected}
                      disabled={busy}
                      aria-invalid={selected === UNANSWERED}
                      onChange={(event) => chooseValue(choice.field, value.key, event.target.value)}
                      className="rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-amber-600"
                    >
                      <option value={UNANSWERED}>{t(value.miss === "ambiguousChoice" ? "ambiguous" : "choose")}</option>
                      <option value={LEAVE}>{t("leaveAsError")}</option>
                      {choice.options.map((option) => (
                        <option key={option.code} value={option.code}>
                          {labelIn(locale, option.labels)} ({option.code})
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </div>
  );
}
