"use client";

import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { isLocale, labelIn } from "@/lib/i18n/locales";
import { PERSON_IMPORT_FIELDS } from "@/lib/import/import-fields";
import type { ImportMapping } from "@/lib/import/mapping";
import type { PersonsPreview, PreviewColumn, PreviewRow } from "@/lib/import/preview-persons";
import { LINK_PROBLEM_CODES, messageValues, NAME_SPLIT_CODES } from "@/lib/import/problems";
import type { MappingProposal } from "@/lib/import/propose-mapping";
import { LinkedSheetsAnswer } from "./linked-sheets-answer";
import { MappingEditor } from "./mapping-editor";
import { SaveMappingForm, SavedMappingPicker, type RegionChoice } from "./saved-mapping-forms";

type PersonsRefusal = Extract<PersonsPreview, { status: "refused" }>["problem"];

type Refusal = "tooLarge" | "invalid" | "signIn" | "origin" | "notFound" | "unexpected" | "chooseFile";
type Proposed = Extract<MappingProposal, { status: "proposed" }>;
type State =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "refused"; error: Refusal; reference?: string }
  | { kind: "refusedFile"; proposal: Exclude<MappingProposal, Proposed> }
  | { kind: "mapping"; file: File; proposal: Proposed; preview: PersonsPreview | null; busy: boolean };

const REFUSALS: readonly Refusal[] = ["tooLarge", "invalid", "signIn", "origin", "notFound", "unexpected"];
const MEGABYTE = 1024 * 1024;

function refusalOf(body: unknown): { error: Refusal; reference?: string } {
  const { error, reference } = (typeof body === "object" && body !== null ? body : {}) as { error?: unknown; reference?: unknown };
  const known = REFUSALS.find((r) => r === error) ?? "unexpected";
  return typeof reference === "string" ? { error: known, reference } : { error: known };
}

type Answer<T> = { ok: true; body: T } | { ok: false; error: Refusal; reference?: string };

/** Posts the file with the mapping (or a saved mapping's id) to one of the import's endpoints. */
async function post<T>(
  endpoint: "columns" | "preview",
  file: File,
  choice: { mapping?: ImportMapping; mappingId?: string },
): Promise<Answer<T>> {
  const form = new FormData();
  form.append("file", file);
  if (choice.mapping) form.append("mapping", JSON.stringify(choice.mapping));
  if (choice.mappingId) form.append("mappingId", choice.mappingId);
  try {
    const response = await fetch(`/api/import/${endpoint}`, { method: "POST", body: form });
    const body: unknown = await response.json().catch(() => null);
    return response.ok ? { ok: true, body: body as T } : { ok: false, ...refusalOf(body) };
  } catch {
    return { ok: false, error: "unexpected" };
  }
}

/**
 * The upload form, the mapping step and the persons preview. The size is checked here first, so
 * a file over the limit is never sent; the server checks it again. The file stays in the browser
 * and is sent again with every change of the mapping: the server keeps nothing between requests.
 * A file that leaves no question (a template, or an office's file its saved mapping fits) goes
 * straight on to the preview.
 */
export function UploadPreview({ maxBytes, regions }: { maxBytes: number; regions: RegionChoice[] }) {
  const t = useTranslations("import.page");
  const tMapping = useTranslations("import.mapping");
  const [state, setState] = useState<State>({ kind: "idle" });
  const megabytes = Math.round(maxBytes / MEGABYTE);

  async function propose(file: File, choice: { mapping?: ImportMapping; mappingId?: string }, autoPreview: boolean) {
    const answer = await post<MappingProposal>("columns", file, choice);
    if (!answer.ok) return setState({ kind: "refused", error: answer.error, reference: answer.reference });
    const proposal = answer.body;
    if (proposal.status !== "proposed") return setState({ kind: "refusedFile", proposal });
    setState({ kind: "mapping", file, proposal, preview: null, busy: autoPreview && proposal.questions === 0 });
    if (autoPreview && proposal.questions === 0) await preview(file, proposal);
  }

  async function preview(file: File, proposal: Proposed) {
    setState({ kind: "mapping", file, proposal, preview: null, busy: true });
    const answer = await post<PersonsPreview>("preview", file, { mapping: proposal.mapping });
    if (!answer.ok) return setState({ kind: "refused", error: answer.error, reference: answer.reference });
    setState({ kind: "mapping", file, proposal, preview: answer.body, busy: false });
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("file");
    if (!(file instanceof File) || file.size === 0) return setState({ kind: "refused", error: "chooseFile" });
    if (file.size > maxBytes) return setState({ kind: "refused", error: "tooLarge" });
    setState({ kind: "checking" });
    await propose(file, {}, true);
  }

  const remap = (choice: { mapping?: ImportMapping; mappingId?: string }) => {
    if (state.kind !== "mapping") return;
    setState({ ...state, busy: true, preview: null });
    void propose(state.file, choice, false);
  };
  const busy = state.kind === "checking" || (state.kind === "mapping" && state.busy);

  return (
    <div className="space-y-4">
      <form onSubmit={(event) => void submit(event)} className="flex flex-wrap items-end gap-3" noValidate>
        <label className="flex flex-col gap-1 text-sm">
          <span>{t("file", { megabytes })}</span>
          <input
            type="file"
            name="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby="import-upload-message"
            className="text-sm"
          />
        </label>
        <button
          type="submit"
          disabled={busy}
          className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60"
        >
          {busy ? t("checking") : t("submit")}
        </button>
      </form>
      <div id="import-upload-message" aria-live="polite" data-testid="import-message">
        {state.kind === "refused" && (
          <p role="alert" className="text-sm text-red-700">
            {state.error === "chooseFile" ? t("chooseFile") : t(`errors.${state.error}`, { megabytes, reference: state.reference ?? "" })}
          </p>
        )}
        {state.kind === "refusedFile" && <RefusedFile refused={state.proposal.problem} />}
      </div>
      {state.kind === "mapping" && (
        <div className="space-y-6">
          <SavedMappingPicker proposal={state.proposal} regions={regions} busy={state.busy} onPick={(mappingId) => remap({ mappingId })} />
          <MappingEditor proposal={state.proposal} busy={state.busy} onChange={(mapping) => remap({ mapping })} />
          <button
            type="button"
            disabled={state.busy}
            onClick={() => void preview(state.file, state.proposal)}
            className="rounded bg-sky-800 px-4 py-2 text-sm font-medium text-white hover:bg-sky-900 disabled:opacity-60"
            data-testid="import-run-preview"
          >
            {state.busy ? t("checking") : tMapping("preview")}
          </button>
          <SaveMappingForm proposal={state.proposal} regions={regions} />
          <div aria-live="polite">{state.preview && <PreviewAnswer preview={state.preview} />}</div>
        </div>
      )}
    </div>
  );
}

function RefusedFile({ refused }: { refused: PersonsRefusal }) {
  const t = useTranslations("import.page");
  const tProblems = useTranslations("import.problems");
  return (
    <p role="alert" className="text-sm text-red-700">
      {refused.kind === "header"
        ? t("headerProblem", { sheet: refused.sheet })
        : tProblems(`${refused.kind}.${refused.code}` as "file.empty", messageValues(refused))}
    </p>
  );
}

const NAME_CODES: ReadonlySet<string> = new Set(NAME_SPLIT_CODES);
const LINK_CODES: ReadonlySet<string> = new Set(LINK_PROBLEM_CODES);
/** A row's problem under its catalog group: a name that cannot be split, a link between sheets, or a cell's value. */
const problemKey = (code: string) =>
  (NAME_CODES.has(code) ? `name.${code}` : LINK_CODES.has(code) ? `link.${code}` : `cell.${code}`) as "cell.invalid";

function PreviewAnswer({ preview }: { preview: PersonsPreview }) {
  const t = useTranslations("import.page");
  if (preview.status === "limited")
    return (
      <p role="alert" className="text-sm text-red-700">
        {t("errors.limited", { rows: preview.rowsPerHour })}
      </p>
    );
  if (preview.status === "refused") return <RefusedFile refused={preview.problem} />;
  return (
    <div className="space-y-4" data-testid="import-preview">
      <p className="text-sm text-slate-700">{t("sheet", { sheet: preview.sheet })}</p>
      <p className="text-sm">
        <a href={`/import/batches/${preview.batchId}`} className="text-sky-800 underline" data-testid="import-open-batch">
          {t("openBatch")}
        </a>
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {(["rows", "ready", "withProblems", "possibleDuplicates"] as const).map((count) => (
          <div key={count} className="rounded border border-slate-200 p-3" data-testid={`import-count-${count}`}>
            <dt className="text-xs text-slate-600">{t(`counts.${count}`)}</dt>
            <dd className="text-xl font-semibold">{preview.counts[count]}</dd>
          </div>
        ))}
      </dl>
      {(preview.counts.importedBefore ?? 0) > 0 && (
        <p className="text-sm text-slate-700" data-testid="import-imported-before">
          {t("importedBefore", { count: preview.counts.importedBefore ?? 0 })}
        </p>
      )}
      <h3 className="text-base font-semibold">{t("rowsHeading")}</h3>
      {preview.rows.length === 0 ? (
        <p className="text-sm text-slate-700">{t("noRowsToLookAt")}</p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="import-rows">
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1 pr-3">
                {t("table.row")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("table.key")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("table.name")}
              </th>
              <th scope="col" className="py-1">
                {t("table.findings")}
              </th>
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row) => (
              <PreviewRowLine key={row.row} row={row} columns={preview.columns} />
            ))}
          </tbody>
        </table>
      )}
      {preview.linked.length > 0 && <LinkedSheetsAnswer sheets={preview.linked} />}
    </div>
  );
}

export function PreviewRowLine({ row, columns }: { row: PreviewRow; columns: PreviewColumn[] }) {
  const t = useTranslations("import.page");
  const tProblems = useTranslations("import.problems");
  const locale = useLocale();
  const headerOf = (column: number | null) => columns.find((c) => c.column === column)?.header ?? "";
  // A field whose column the file lacks is named by the template's header in the page's language.
  const fieldName = (field: PreviewRow["problems"][number]["field"]) =>
    PERSON_IMPORT_FIELDS.find((f) => f.key === field)?.headers[isLocale(locale) ? locale : "en"][0] ?? field;
  return (
    <tr className="border-b border-slate-100 align-top" data-testid={`import-row-${row.row}`}>
      <th scope="row" className="py-1 pr-3 font-normal">
        {row.row}
      </th>
      <td className="py-1 pr-3">{row.key}</td>
      <td className="py-1 pr-3">{row.name}</td>
      <td className="py-1">
        <ul className="space-y-1">
          {row.problems.map((problem, i) => (
            <li key={`p${i}`} className="text-red-700">
              <strong>
                {problem.column === null
                  ? fieldName(problem.field)
                  : t("atColumn", { header: headerOf(problem.column), column: problem.column })}
                :{" "}
              </strong>
              {tProblems(problemKey(problem.code))}
            </li>
          ))}
          {row.sameInFile.map((same, i) => (
            <li key={`f${i}`} className="text-amber-800">
              {t("sameInFile", { row: same.row, why: t(`whyInFile.${same.why}`) })}
            </li>
          ))}
          {row.registry?.inReach.map((match) => (
            <li key={match.id} className="text-amber-800">
              {t("inReach", { caseNumber: match.caseNumber, name: match.name, birthDate: match.birthDate, why: t(`why.${match.why}`) })}
            </li>
          ))}
          {row.registry?.elsewhere.map((match, i) => (
            <li key={`e${i}`} className="text-amber-800">
              {t("elsewhere", { region: labelIn(locale, match.region), why: t(`why.${match.why}`) })}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
