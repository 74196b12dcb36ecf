import { z } from "zod";
import type { Prisma } from "../db/generated/client";
import { CaseStatus, RiskLevel, Sex } from "../db/generated/enums";
import { IsoDate } from "./fields";
import { CASE_STATUSES_KEPT_NOT_SET } from "../lifecycles/case-status";

/**
 * The person record, declared once. Every column of the `person` table is here, either as a
 * field a form sets or as a column the app derives or keeps for itself, and each says whether it
 * is personal data and what of it a pseudonymised export may keep. The input schemas, the edit
 * form, the audit event's before and after, and the pseudonymised profile are read from here;
 * person-fields.test.ts fails when a column of the schema is missing.
 */

/**
 * What of a value may leave in a pseudonymised export: a code from a fixed vocabulary, a date cut
 * to its month, a reference replaced by its pseudonym, a true/false flag, or nothing at all
 * ("removed": the evaluator sees that it changed, never its value).
 */
export type PseudonymisedAs = "code" | "month" | "ref" | "flag" | "removed";

/**
 * Personal data identifies the person, alone or with little else; such a value may leave a
 * pseudonymised export only coarsened to its month, or not at all.
 */
type Privacy = { personal: true; pseudonymised: "month" | "removed" } | { personal: false; pseudonymised: PseudonymisedAs };

/** A choice of a select: its stored value and the catalog key of its label. */
export type Choice = { value: string; label: string };

export type PersonInputKind =
  /** `initial`: what a new case's field starts with. */
  | { kind: "text"; hint?: string; initial?: string }
  | { kind: "date" }
  | { kind: "checkbox" }
  /**
   * Options listed here, or read from a reference table the page passes in. `startsEmpty`: a new
   * case's field starts on an empty choice, so nobody registers a value they did not pick.
   */
  | {
      kind: "select";
      options: readonly Choice[] | "regions" | "operations";
      startsEmpty?: true;
      /** Choices offered only to a record that holds them already: kept by an edit, never set by one. */
      keptOnly?: readonly string[];
    };

type FieldDeclaration = Privacy & {
  schema: z.ZodType;
  /** Set when the case is registered, and whether it can be changed afterwards. */
  atCreation: boolean;
  editable: boolean;
  /** The catalog key of the field's label in the forms. */
  label: string;
  input: PersonInputKind;
  /** An empty answer is stored (and recorded) as null: the person has none. */
  emptyIsNull?: true;
  /** Shown, and offered, only for a person who was a minor at return. */
  minorsOnly?: true;
  /** The member that names it in audit events, where it differs from the column (kept for existing histories). */
  auditName?: string;
  /** The part of the registration form it belongs to. */
  group: "person" | "return";
};

type ColumnDeclaration = Privacy & {
  /** Why no form sets it. */
  source: "derived" | "system" | "own lifecycle";
  auditName?: string;
};

/** Citizenship unless the form says otherwise: the app serves one country's returnees. */
const HOME_COUNTRY = "KZ";
const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());
const optionalText = (max: number) => z.string().trim().max(max, { error: "tooLong" }).default("");
const name = z.string().trim().min(1, { error: "required" }).max(100, { error: "tooLong" });
const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{2}$/, { error: "country" });
const enumChoices = (values: readonly string[], prefix: string): Choice[] =>
  values.map((value) => ({ value, label: `${prefix}.${value}` }));

/** In the order the forms show them. */
export const PERSON_FIELDS = {
  familyName: {
    schema: name,
    atCreation: true,
    editable: true,
    label: "newCase.fields.familyName",
    input: { kind: "text" },
    group: "person",
    personal: true,
    pseudonymised: "removed",
  },
  givenName: {
    schema: name,
    atCreation: true,
    editable: true,
    label: "newCase.fields.givenName",
    input: { kind: "text" },
    group: "person",
    personal: true,
    pseudonymised: "removed",
  },
  patronymic: {
    schema: optionalText(100),
    emptyIsNull: true,
    atCreation: true,
    editable: true,
    label: "newCase.fields.patronymic",
    input: { kind: "text" },
    group: "person",
    personal: true,
    pseudonymised: "removed",
  },
  sex: {
    schema: z.enum(Sex, { error: "required" }),
    atCreation: true,
    editable: true,
    label: "newCase.fields.sex",
    input: {
      kind: "select",
      options: [
        { value: "FEMALE", label: "newCase.female" },
        { value: "MALE", label: "newCase.male" },
      ],
      startsEmpty: true,
    },
    group: "person",
    personal: false,
    pseudonymised: "code",
  },
  birthDate: {
    schema: IsoDate,
    atCreation: true,
    editable: true,
    label: "newCase.fields.birthDate",
    input: { kind: "date" },
    group: "person",
    personal: true,
    pseudonymised: "month",
  },
  birthDateEstimated: {
    schema: checkbox,
    atCreation: true,
    editable: true,
    label: "newCase.fields.birthDateEstimated",
    input: { kind: "checkbox" },
    group: "person",
    personal: false,
    pseudonymised: "flag",
  },
  iin: {
    schema: z.string().trim().default(""),
    emptyIsNull: true,
    atCreation: true,
    editable: true,
    label: "newCase.fields.iin",
    input: { kind: "text", hint: "newCase.iinHint" },
    group: "person",
    personal: true,
    pseudonymised: "removed",
  },
  citizenship: {
    schema: z.preprocess((v) => (v === "" || v === undefined ? HOME_COUNTRY : v), countryCode),
    atCreation: true,
    editable: true,
    label: "newCase.fields.citizenship",
    input: { kind: "text", hint: "newCase.countryHint", initial: HOME_COUNTRY },
    group: "person",
    personal: false,
    pseudonymised: "code",
  },
  regionId: {
    schema: z.uuid({ error: "required" }),
    atCreation: true,
    editable: false,
    label: "newCase.fields.regionId",
    input: { kind: "select", options: "regions", startsEmpty: true },
    group: "return",
    personal: false,
    pseudonymised: "ref",
  },
  address: {
    schema: optionalText(300),
    emptyIsNull: true,
    atCreation: true,
    editable: true,
    label: "newCase.fields.address",
    input: { kind: "text" },
    group: "return",
    personal: true,
    pseudonymised: "removed",
  },
  caseStatus: {
    schema: z.enum(CaseStatus, { error: "required" }),
    atCreation: false,
    editable: true,
    label: "personEdit.caseStatus",
    input: { kind: "select", options: enumChoices(Object.values(CaseStatus), "enums.caseStatus"), keptOnly: CASE_STATUSES_KEPT_NOT_SET },
    group: "person",
    personal: false,
    pseudonymised: "code",
  },
  riskLevel: {
    schema: z.enum(RiskLevel).default("UNASSESSED"),
    atCreation: true,
    editable: true,
    label: "newCase.fields.riskLevel",
    input: { kind: "select", options: enumChoices(Object.values(RiskLevel), "enums.risk") },
    group: "person",
    personal: false,
    pseudonymised: "code",
  },
  /** A minor with no parent or guardian among the returnees; shown at a glance in the registry and household. */
  unaccompaniedMinor: {
    schema: checkbox,
    atCreation: false,
    editable: true,
    label: "personEdit.unaccompanied",
    input: { kind: "checkbox" },
    minorsOnly: true,
    group: "person",
    personal: false,
    pseudonymised: "flag",
  },
  returnDate: {
    schema: IsoDate,
    atCreation: true,
    editable: false,
    label: "newCase.fields.returnDate",
    input: { kind: "date" },
    group: "return",
    personal: false,
    pseudonymised: "month",
  },
  returnOperationCode: {
    schema: z.string().regex(/^[A-Z0-9_]{1,40}$/, { error: "required" }),
    atCreation: true,
    editable: false,
    label: "newCase.fields.returnOperationCode",
    input: { kind: "select", options: "operations", startsEmpty: true },
    auditName: "returnOperation",
    group: "return",
    personal: false,
    pseudonymised: "code",
  },
  returnedFrom: {
    schema: countryCode,
    atCreation: true,
    editable: false,
    label: "newCase.fields.returnedFrom",
    input: { kind: "text", hint: "newCase.countryHint" },
    group: "return",
    personal: false,
    pseudonymised: "code",
  },
} as const satisfies Record<string, FieldDeclaration>;

/** The person's columns no form sets; with the fields above, every column of the schema, and nothing else. */
export const PERSON_COLUMNS = {
  id: { source: "system", personal: true, pseudonymised: "removed" },
  caseNumber: { source: "system", personal: true, pseudonymised: "removed" },
  familyNameLatin: { source: "derived", personal: true, pseudonymised: "removed" },
  givenNameLatin: { source: "derived", personal: true, pseudonymised: "removed" },
  patronymicLatin: { source: "derived", personal: true, pseudonymised: "removed" },
  searchName: { source: "derived", personal: true, pseudonymised: "removed" },
  ageCategory: { source: "derived", personal: false, pseudonymised: "code" },
  prosecutionStatus: { source: "own lifecycle", personal: false, pseudonymised: "code" },
  caseworkerId: { source: "own lifecycle", personal: false, pseudonymised: "ref" },
  version: { source: "system", personal: false, pseudonymised: "removed" },
  createdAt: { source: "system", personal: false, pseudonymised: "removed" },
  updatedAt: { source: "system", personal: false, pseudonymised: "removed" },
} as const satisfies Record<Exclude<Prisma.PersonScalarFieldEnum, keyof typeof PERSON_FIELDS>, ColumnDeclaration>;

type Fields = typeof PERSON_FIELDS;
export type PersonFieldName = keyof Fields;
export type CreationField = { [K in PersonFieldName]: Fields[K]["atCreation"] extends true ? K : never }[PersonFieldName];
export type EditableField = { [K in PersonFieldName]: Fields[K]["editable"] extends true ? K : never }[PersonFieldName];

const FIELD_NAMES = Object.keys(PERSON_FIELDS) as PersonFieldName[];
export const CREATION_FIELDS = FIELD_NAMES.filter((field): field is CreationField => PERSON_FIELDS[field].atCreation);
export const EDITABLE_FIELDS = FIELD_NAMES.filter((field): field is EditableField => PERSON_FIELDS[field].editable);

type Shape<K extends PersonFieldName> = { [P in K]: Fields[P]["schema"] };

/** The zod shape of the given fields, with each field's own schema (and its inferred type). */
export function personShape<K extends PersonFieldName>(fields: readonly K[]): Shape<K> {
  return Object.fromEntries(fields.map((field) => [field, PERSON_FIELDS[field].schema])) as Shape<K>;
}

type Parsed<K extends PersonFieldName> = z.output<Fields[K]["schema"]>;

/** A field's value as recorded: in audit events, and (dates aside) as stored. */
export type Recorded<K extends PersonFieldName> = Fields[K] extends { emptyIsNull: true } ? string | null : Parsed<K>;
export type RecordedPerson<K extends PersonFieldName> = { [P in K]: Recorded<P> };

function recordedValue(field: PersonFieldName, value: unknown): unknown {
  return "emptyIsNull" in PERSON_FIELDS[field] && value === "" ? null : value;
}

/** The given fields of a parsed form as recorded: an empty optional answer becomes null. */
export function recordedPerson<K extends PersonFieldName>(input: { [P in K]: Parsed<P> }, fields: readonly K[]): RecordedPerson<K> {
  return Object.fromEntries(fields.map((field) => [field, recordedValue(field, input[field])])) as RecordedPerson<K>;
}

/** A field's value as its column holds it: a date as midnight UTC of its day. */
export type Stored<K extends PersonFieldName> = Fields[K]["input"]["kind"] extends "date" ? Date : Recorded<K>;
export type StoredPerson<K extends PersonFieldName> = { [P in K]: Stored<P> };

/** Recorded values as the person's columns hold them. */
export function storedPerson<K extends PersonFieldName>(values: RecordedPerson<K>): StoredPerson<K> {
  const entries = Object.entries(values).map(([field, value]) => [
    field,
    PERSON_FIELDS[field as K].input.kind === "date" ? new Date(`${String(value)}T00:00:00Z`) : value,
  ]);
  return Object.fromEntries(entries) as StoredPerson<K>;
}

/** A stored value as recorded: a date column (a day, at midnight UTC) as that day. */
export function recordedOfColumn(value: string | boolean | Date | null): string | boolean | null {
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

/** The members of an audit event's before or after for these recorded values, under their audit names. */
export function auditMembers(values: Partial<Record<PersonFieldName, string | boolean | null>>): Record<string, string | boolean | null> {
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => {
      const declared: FieldDeclaration = PERSON_FIELDS[field as PersonFieldName];
      return [declared.auditName ?? field, value];
    }),
  );
}

/** Each declared member of a person's audit events (by its audit name) and what of it a pseudonymised export keeps. */
export function pseudonymisedPersonMembers(): Record<string, PseudonymisedAs> {
  const declarations: [string, Privacy & { auditName?: string }][] = [...Object.entries(PERSON_FIELDS), ...Object.entries(PERSON_COLUMNS)];
  return Object.fromEntries(declarations.map(([field, declared]) => [declared.auditName ?? field, declared.pseudonymised]));
}

/** The catalog key of the label of the person's field an audit event names by `member`, if it is one. */
export function personFieldLabel(member: string): string | null {
  const declarations: [string, FieldDeclaration][] = Object.entries(PERSON_FIELDS);
  return declarations.find(([field, declared]) => (declared.auditName ?? field) === member)?.[1].label ?? null;
}
