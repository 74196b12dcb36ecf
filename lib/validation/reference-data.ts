import { z } from "zod";
import { ReasonKind, RegionKind } from "../db/generated/enums";

const Label = z.string().trim().min(1, { error: "required" }).max(200, { error: "tooLong" });
const Code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, { error: "code" });
const Checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
const OptionalId = z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "invalid" }).optional());
const OptionalVersion = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional());
const SortOrder = z.preprocess(
  (v) => (v === "" ? 0 : v),
  z.coerce
    .number({ error: "wholeNumber" })
    .int({ error: "wholeNumber" })
    .min(0, { error: "wholeNumber" })
    .max(9999, { error: "wholeNumber" }),
);

/** An entry with or without an id: with one it is an edit from the version shown, without one it is new. */
export const RegionInput = z.object({
  id: OptionalId,
  version: OptionalVersion,
  code: Code,
  kind: z.enum(RegionKind, { error: "required" }),
  labelEn: Label,
  labelRu: Label,
  labelKk: Label,
  active: Checkbox,
});
export type RegionInput = z.infer<typeof RegionInput>;

/** Program types are keyed by their code, which needs must keep pointing at: it is set once. */
export const ProgramTypeInput = z.object({
  version: OptionalVersion,
  code: Code,
  labelEn: Label,
  labelRu: Label,
  labelKk: Label,
  sortOrder: SortOrder,
  active: Checkbox,
});
export type ProgramTypeInput = z.infer<typeof ProgramTypeInput>;

export const ReasonInput = z.object({
  id: OptionalId,
  version: OptionalVersion,
  kind: z.enum(ReasonKind, { error: "required" }),
  code: Code,
  labelEn: Label,
  labelRu: Label,
  labelKk: Label,
  sortOrder: SortOrder,
  active: Checkbox,
});
export type ReasonInput = z.infer<typeof ReasonInput>;

export const ProgramInput = z.object({
  id: OptionalId,
  version: OptionalVersion,
  name: Label,
  provider: Label,
  programTypeCode: Code,
  regionId: z.uuid({ error: "required" }),
  capacity: z.coerce
    .number({ error: "wholeNumber" })
    .int({ error: "wholeNumber" })
    .min(1, { error: "wholeNumber" })
    .max(100000, { error: "wholeNumber" }),
  active: Checkbox,
});
export type ProgramInput = z.infer<typeof ProgramInput>;
