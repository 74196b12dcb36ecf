"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { deleteImportMappingAction, saveImportMappingAction } from "@/app/(app)/import/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";
import type { MappingProposal } from "@/lib/import/propose-mapping";
import { MAX_MAPPING_NAME } from "@/lib/import/mapping-input";

type Proposed = Extract<MappingProposal, { status: "proposed" }>;
export type RegionChoice = { id: string; label: string };

/** The saved mappings the user may use, the one applied first; a mapping whose headers fit the file is marked. */
export function SavedMappingPicker({
  proposal,
  regions,
  busy,
  onPick,
}: {
  proposal: Proposed;
  regions: RegionChoice[];
  busy: boolean;
  onPick: (mappingId: string) => void;
}) {
  const t = useTranslations("import.mapping");
  const regionOf = (id: string) => regions.find((r) => r.id === id)?.label ?? "";
  return (
    <div className="space-y-2" data-testid="import-saved-picker">
      {proposal.applied && (
        <p role="status" className="text-sm text-emerald-800" data-testid="import-mapping-applied">
          {t("applied", { name: proposal.applied.name, region: regionOf(proposal.applied.regionId) })}
        </p>
      )}
      {proposal.saved.length > 0 && (
        <label className="flex flex-wrap items-center gap-2 text-sm">
          <span>{t("useSaved")}</span>
          <select
            value={proposal.applied?.id ?? ""}
            disabled={busy}
            onChange={(event) => event.target.value !== "" && onPick(event.target.value)}
            className="rounded border border-slate-300 px-2 py-1"
          >
            <option value="">{t("noSaved")}</option>
            {proposal.saved
              .filter((saved) => saved.readable)
              .map((saved) => (
                <option key={saved.id} value={saved.id}>
                  {saved.name} ({regionOf(saved.regionId)}){saved.fits ? ` · ${t("fits")}` : ""}
                </option>
              ))}
          </select>
        </label>
      )}
    </div>
  );
}

/** Saves the mapping as it now stands: over the saved one applied, or under a new name. */
export function SaveMappingForm({ proposal, regions }: { proposal: Proposed; regions: RegionChoice[] }) {
  const t = useTranslations("import.mapping");
  const [asNew, setAsNew] = useState(proposal.applied === null);
  const applied = asNew ? null : proposal.applied;
  return (
    <section className="rounded border border-slate-200 p-3" aria-labelledby="import-save-mapping">
      <h4 id="import-save-mapping" className="text-base font-semibold">
        {t("saveHeading")}
      </h4>
      <p className="text-sm text-slate-700">{t("saveIntro")}</p>
      {proposal.applied && (
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={asNew} onChange={(event) => setAsNew(event.target.checked)} />
          {t("saveAsNew")}
        </label>
      )}
      <ActionForm action={saveImportMappingAction} submitLabel={t("save")} pendingLabel={t("saving")} testId="import-save-mapping">
        {(state) => (
          <>
            {applied && <input type="hidden" name="id" value={applied.id} />}
            {applied && <input type="hidden" name="version" value={applied.version} />}
            <input type="hidden" name="mapping" value={JSON.stringify(proposal.mapping)} />
            <FormField id="import-mapping-name" label={t("name")} error={state.fieldErrors.name}>
              {(describedBy, invalid) => (
                <input
                  id="import-mapping-name"
                  name="name"
                  maxLength={MAX_MAPPING_NAME}
                  defaultValue={state.values.name ?? applied?.name ?? ""}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                  className={inputClass}
                />
              )}
            </FormField>
            <SelectField
              id="import-mapping-region"
              name="regionId"
              label={t("region")}
              error={state.fieldErrors.regionId}
              defaultValue={state.values.regionId ?? applied?.regionId ?? regions[0]?.id ?? ""}
              choices={regions.map((r) => ({ value: r.id, label: r.label }))}
            />
          </>
        )}
      </ActionForm>
    </section>
  );
}

export type SavedMappingRow = {
  id: string;
  name: string;
  region: string;
  version: number;
  updatedAt: string;
  updatedBy: string;
  readable: boolean;
};

/** The saved mappings the user may use, each with who changed it last and a delete button. */
export function SavedMappingsList({ mappings }: { mappings: SavedMappingRow[] }) {
  const t = useTranslations("import.mapping");
  if (mappings.length === 0) return <p className="text-sm text-slate-700">{t("noneSaved")}</p>;
  return (
    <ul className="space-y-3" data-testid="import-saved-mappings">
      {mappings.map((mapping) => (
        <li key={mapping.id} className="rounded border border-slate-200 p-3 text-sm">
          <p>
            <strong>{mapping.name}</strong> · {mapping.region} ·{" "}
            {t("updated", { by: mapping.updatedBy, at: mapping.updatedAt.slice(0, 10) })}
            {!mapping.readable && <span className="ml-2 text-red-700">{t("unreadable")}</span>}
          </p>
          <ActionForm
            action={deleteImportMappingAction}
            submitLabel={t("delete")}
            pendingLabel={t("deleting")}
            recordVersion={mapping.version}
          >
            {() => (
              <>
                <input type="hidden" name="id" value={mapping.id} />
                <input type="hidden" name="version" value={mapping.version} />
              </>
            )}
          </ActionForm>
        </li>
      ))}
    </ul>
  );
}
