"use client";

import { useLocale, useTranslations } from "next-intl";
import { saveProgramAction, saveProgramTypeAction, saveReasonAction, saveRegionAction } from "@/app/(app)/admin/actions";
import { ActionForm } from "@/components/ui/action-form";
import { FormField, inputClass } from "@/components/ui/form-field";
import { SelectField } from "@/components/ui/select-field";
import type { ActionState } from "@/lib/validation/action-state";
import type { Locale } from "@/lib/i18n/locales";

type Values = Record<string, string | number | boolean>;
type Choice = { value: string; label: string };

/** A field's id: the form's own name first, so two forms on one page never share an id. */
const fieldId = (form: string, name: string) => `${form}-${name}`;

function TextInput({
  form,
  name,
  label,
  state,
  existing,
  type = "text",
}: {
  form: string;
  name: string;
  label: string;
  state: ActionState;
  existing?: Values;
  type?: string;
}) {
  const id = fieldId(form, name);
  return (
    <FormField id={id} label={label} error={state.fieldErrors[name]}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={name}
          type={type}
          defaultValue={state.values[name] ?? String(existing?.[name] ?? "")}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          className={inputClass}
        />
      )}
    </FormField>
  );
}

/** The fields every reference entry has: its code, its label in each language, whether it is offered. */
function CommonFields({
  form,
  state,
  existing,
  codeLocked,
}: {
  form: string;
  state: ActionState;
  existing?: Values;
  codeLocked?: boolean;
}) {
  const t = useTranslations("admin.reference");
  return (
    <>
      {existing?.id !== undefined && <input type="hidden" name="id" value={String(existing.id)} />}
      {existing && <input type="hidden" name="version" value={String(existing.version)} />}
      {codeLocked && existing ? (
        <input type="hidden" name="code" value={String(existing.code)} />
      ) : (
        <TextInput form={form} name="code" label={t("code")} state={state} existing={existing} />
      )}
      <div className="grid gap-2 sm:grid-cols-3">
        <TextInput form={form} name="labelEn" label={t("labelEn")} state={state} existing={existing} />
        <TextInput form={form} name="labelRu" label={t("labelRu")} state={state} existing={existing} />
        <TextInput form={form} name="labelKk" label={t("labelKk")} state={state} existing={existing} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="active"
          defaultChecked={state.values.active !== undefined ? state.values.active === "on" : existing ? Boolean(existing.active) : true}
        />
        {t("active")}
      </label>
    </>
  );
}

function EntryForm({
  action,
  testId,
  existing,
  children,
}: {
  action: (p: ActionState, f: FormData) => Promise<ActionState>;
  testId: string;
  existing?: Values;
  children: (state: ActionState) => React.ReactNode;
}) {
  const t = useTranslations("admin");
  return (
    <ActionForm
      action={action}
      submitLabel={t("save")}
      pendingLabel={t("saving")}
      testId={testId}
      recordVersion={existing ? Number(existing.version) : undefined}
    >
      {children}
    </ActionForm>
  );
}

export function RegionForm({ existing }: { existing?: Values }) {
  const t = useTranslations("admin.reference");
  const kinds: Choice[] = [
    { value: "REGION", label: t("kindREGION") },
    { value: "CITY", label: t("kindCITY") },
  ];
  const form = `region-form-${existing?.code ?? "new"}`;
  return (
    <EntryForm action={saveRegionAction} testId={form} existing={existing}>
      {(state) => (
        <>
          <CommonFields form={form} state={state} existing={existing} />
          <SelectField
            id={fieldId(form, "kind")}
            name="kind"
            label={t("kind")}
            error={state.fieldErrors.kind}
            defaultValue={state.values.kind ?? String(existing?.kind ?? "REGION")}
            choices={kinds}
          />
        </>
      )}
    </EntryForm>
  );
}

export function ProgramTypeForm({ existing }: { existing?: Values }) {
  const t = useTranslations("admin.reference");
  const form = `program-type-form-${existing?.code ?? "new"}`;
  return (
    <EntryForm action={saveProgramTypeAction} testId={form} existing={existing}>
      {(state) => (
        <>
          <CommonFields form={form} state={state} existing={existing} codeLocked />
          <TextInput form={form} name="sortOrder" label={t("sortOrder")} state={state} existing={existing} type="number" />
        </>
      )}
    </EntryForm>
  );
}

export function ReasonForm({ existing, kinds }: { existing?: Values; kinds: Choice[] }) {
  const t = useTranslations("admin.reference");
  const form = `reason-form-${existing?.id ?? "new"}`;
  return (
    <EntryForm action={saveReasonAction} testId={form} existing={existing}>
      {(state) => (
        <>
          <SelectField
            id={fieldId(form, "kind")}
            name="kind"
            label={t("reasonKind")}
            error={state.fieldErrors.kind}
            defaultValue={state.values.kind ?? String(existing?.kind ?? "DECLINE")}
            choices={kinds}
          />
          <CommonFields form={form} state={state} existing={existing} />
          <TextInput form={form} name="sortOrder" label={t("sortOrder")} state={state} existing={existing} type="number" />
        </>
      )}
    </EntryForm>
  );
}

type Labelled = { value: string; en: string; ru: string; kk: string };

export function ProgramForm({ existing, regions, types }: { existing?: Values; regions: Labelled[]; types: Labelled[] }) {
  const t = useTranslations("admin.reference");
  const locale = useLocale() as Locale;
  const form = `program-form-${existing?.id ?? "new"}`;
  return (
    <EntryForm action={saveProgramAction} testId={form} existing={existing}>
      {(state) => (
        <>
          {existing && <input type="hidden" name="id" value={String(existing.id)} />}
          {existing && <input type="hidden" name="version" value={String(existing.version)} />}
          <TextInput form={form} name="name" label={t("programName")} state={state} existing={existing} />
          <TextInput form={form} name="provider" label={t("provider")} state={state} existing={existing} />
          <div className="grid gap-2 sm:grid-cols-3">
            <SelectField
              id={fieldId(form, "programTypeCode")}
              name="programTypeCode"
              label={t("programType")}
              error={state.fieldErrors.programTypeCode}
              defaultValue={state.values.programTypeCode ?? String(existing?.programTypeCode ?? "")}
              choices={types.map((c) => ({ value: c.value, label: c[locale] }))}
              placeholder=""
            />
            <SelectField
              id={fieldId(form, "regionId")}
              name="regionId"
              label={t("region")}
              error={state.fieldErrors.regionId}
              defaultValue={state.values.regionId ?? String(existing?.regionId ?? "")}
              choices={regions.map((c) => ({ value: c.value, label: c[locale] }))}
              placeholder=""
            />
            <TextInput form={form} name="capacity" label={t("capacity")} state={state} existing={existing} type="number" />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              name="active"
              defaultChecked={state.values.active !== undefined ? state.values.active === "on" : existing ? Boolean(existing.active) : true}
            />
            {t("active")}
          </label>
        </>
      )}
    </EntryForm>
  );
}
