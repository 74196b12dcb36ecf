import { z } from "zod";

/**
 * A date as the form sends it (YYYY-MM-DD), checked to be a real calendar day between 1900 and
 * 2099: no date this app records lies outside, and year 0000 would fail in the database rather
 * than next to its field.
 */
export const IsoDate = z
  .string()
  .regex(/^(19|20)\d{2}-\d{2}-\d{2}$/, { error: "date" })
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    error: "date",
  });

/** A box ticked to confirm an action that cannot simply be undone; the server insists on it too. */
export const Confirmation = z.literal("on", { error: "confirm" });

/** An optional filter or field: an empty form value, or none, means "not given". */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

/**
 * A group of checkboxes, which formValues hands over as one comma-separated value: its distinct
 * non-empty entries, in order, for the item schema to check.
 */
export const commaList = () =>
  z
    .string()
    .default("")
    .transform((value) => [
      ...new Set(
        value
          .split(",")
          .map((v) => v.trim())
          .filter(Boolean),
      ),
    ]);
