"use client";

import { useActionState, useCallback, useEffect, useRef, useState, type RefObject } from "react";
import { useLocale, useTranslations } from "next-intl";
import { AliasType } from "@/lib/db/generated/enums";
import type { Option } from "@/lib/cases/registry-options";
import { DuplicateProbeInput, meaningfulProbe, probeKey } from "@/lib/validation/duplicate-probe";
import { MAX_ALIASES } from "@/lib/validation/person";
import { CREATION_FIELDS, PERSON_FIELDS } from "@/lib/validation/person-fields";
import { checkDuplicatesAction, createCaseAction, type NewCaseState } from "@/app/(app)/cases/new/actions";
import { FormField, inputClass } from "@/components/ui/form-field";
import { PersonFieldInput, type ReferenceChoices } from "./person-field-input";
import { PossibleDuplicatesPanel, type LiveCheck } from "./possible-duplicates-panel";

const initial: NewCaseState = { ok: false, fieldErrors: {}, message: null, values: {}, duplicates: null };
// Long enough that a name typed at a steady pace is one lookup, short enough to answer before the next field.
const CHECK_DELAY_MS = 700;

/**
 * Looks for possible duplicates while the person types. Each lookup is audited and counts against
 * an hourly limit, so the form asks only when the input is meaningful and differs from the last
 * lookup, keeps only the newest answer, and stops asking once the limit is reached.
 */
function useLiveDuplicateCheck(form: RefObject<HTMLFormElement | null>) {
  const [check, setCheck] = useState<LiveCheck>({ kind: "idle" });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const asked = useRef(0);
  const last = useRef<{ key: string; check: LiveCheck } | null>(null);
  const stopped = useRef(false);

  useEffect(() => () => clearTimeout(timer.current), []);

  const run = async () => {
    if (!form.current || stopped.current) return;
    const data = new FormData(form.current);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value : "";
    };
    const parsed = DuplicateProbeInput.safeParse({
      familyName: text("familyName"),
      givenName: text("givenName"),
      birthDate: text("birthDate"),
      iin: text("iin"),
    });
    const probe = parsed.success ? meaningfulProbe(parsed.data) : null;
    const ticket = ++asked.current;
    if (!probe) return setCheck({ kind: "idle" });
    const key = probeKey(probe);
    if (last.current?.key === key) return setCheck(last.current.check);
    setCheck({ kind: "checking" });
    let next: LiveCheck;
    try {
      // Only the parts that are looked up leave the browser.
      const reply = await checkDuplicatesAction({
        familyName: probe.name?.familyName ?? "",
        givenName: probe.name?.givenName ?? "",
        birthDate: probe.name?.birthDate ?? "",
        iin: probe.iin ?? "",
      });
      next =
        reply.status === "checked"
          ? { kind: "answer", answer: { inReach: reply.inReach, elsewhere: reply.elsewhere } }
          : reply.status === "limited"
            ? { kind: "limited" }
            : reply.status === "incomplete"
              ? { kind: "idle" }
              : { kind: "unavailable" };
    } catch {
      next = { kind: "unavailable" };
    }
    if (next.kind === "limited") stopped.current = true;
    if (next.kind === "answer") last.current = { key, check: next };
    if (ticket === asked.current) setCheck(next);
  };

  const schedule = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(), CHECK_DELAY_MS);
  };
  // Registering checks again on the server; a lookup still waiting here would only repeat it.
  const cancel = () => clearTimeout(timer.current);
  /** Shows the registration's own answer; at the limit, the form stops asking too. */
  const show = useCallback((next: LiveCheck) => {
    if (next.kind === "limited") stopped.current = true;
    setCheck(next);
  }, []);
  return { check, show, schedule, cancel };
}

export function NewCaseForm({ regions, operations, checkLimit }: { regions: Option[]; operations: Option[]; checkLimit: number }) {
  const t = useTranslations("newCase");
  const tMessages = useTranslations("formMessages");
  const locale = useLocale() as "en" | "ru" | "kk";
  const [state, action, pending] = useActionState(createCaseAction, initial);
  const form = useRef<HTMLFormElement>(null);
  const live = useLiveDuplicateCheck(form);
  const { show } = live;
  // The registration re-checks: its answer replaces whatever the live check last showed.
  useEffect(() => {
    if (state.duplicates) show({ kind: "answer", answer: state.duplicates });
    else if (state.message === "duplicateCheckLimit") show({ kind: "limited" });
  }, [state, show]);
  const v = (field: string) => state.values[field] ?? "";
  const e = state.fieldErrors;
  const references: ReferenceChoices = {
    regions: regions.map((r) => ({ value: r.value, label: r[locale] })),
    operations: operations.map((o) => ({ value: o.value, label: o[locale] })),
  };
  const fieldsOf = (group: "person" | "return") =>
    CREATION_FIELDS.filter((field) => PERSON_FIELDS[field].group === group).map((field) => (
      <PersonFieldInput
        key={field}
        field={field}
        id={field}
        value={state.values[field]}
        error={e[field]}
        registering
        references={references}
      />
    ));

  return (
    <form
      ref={form}
      action={action}
      onChange={live.schedule}
      onSubmit={live.cancel}
      className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]"
      noValidate
    >
      {/* Remounted with what was typed as defaults, so React's reset after the action keeps the input. */}
      <div key={JSON.stringify(state.values)} className="space-y-6 lg:col-start-1 lg:row-start-1">
        <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
          <legend className="px-1 font-semibold">{t("person")}</legend>
          {fieldsOf("person")}
        </fieldset>
        <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-3">
          <legend className="px-1 font-semibold">{t("return")}</legend>
          {fieldsOf("return")}
        </fieldset>
        <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 font-semibold">{t("aliases")}</legend>
          {Array.from({ length: MAX_ALIASES }, (_, i) => (
            <div key={i} className="grid gap-3 sm:grid-cols-3">
              <FormField id={`aliasValue${i}`} label={t("aliasValue", { n: i + 1 })} error={e[`aliasValue${i}`]}>
                {(describedBy, invalid) => (
                  <input
                    id={`aliasValue${i}`}
                    name={`aliasValue${i}`}
                    defaultValue={v(`aliasValue${i}`)}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    className={inputClass}
                  />
                )}
              </FormField>
              <FormField id={`aliasType${i}`} label={t("aliasType")} error={e[`aliasType${i}`]}>
                {(describedBy, invalid) => (
                  <select
                    id={`aliasType${i}`}
                    name={`aliasType${i}`}
                    defaultValue={v(`aliasType${i}`)}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    className={inputClass}
                  >
                    <option value="">—</option>
                    {Object.values(AliasType).map((type) => (
                      <option key={type} value={type}>
                        {t(`aliasTypes.${type}`)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <FormField id={`aliasSource${i}`} label={t("aliasSource")} error={e[`aliasSource${i}`]}>
                {(describedBy, invalid) => (
                  <input
                    id={`aliasSource${i}`}
                    name={`aliasSource${i}`}
                    defaultValue={v(`aliasSource${i}`)}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                    className={inputClass}
                  />
                )}
              </FormField>
            </div>
          ))}
        </fieldset>
      </div>

      {/* Beside the fields on wide screens; between the fields and the button in reading and tab order, so the confirmation comes before the submit. */}
      <PossibleDuplicatesPanel check={live.check} limit={checkLimit} confirmed={v("confirmNotDuplicate") === "on"} />

      <div className="space-y-6 lg:col-start-1 lg:row-start-2">
        <div aria-live="polite">
          {state.message && (
            <p role="alert" className="rounded border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800">
              {tMessages(state.message as "conflict", state.messageValues ?? {})}
            </p>
          )}
        </div>
        <button type="submit" disabled={pending} className="rounded bg-sky-800 px-4 py-2 text-white hover:bg-sky-900 disabled:opacity-60">
          {pending ? t("saving") : t("save")}
        </button>
      </div>
    </form>
  );
}
