import { z } from "zod";
import { checkIin } from "./iin";
import { IsoDate } from "./fields";

/**
 * What the new-case form sends while the person types, to look for people already registered.
 * Any part may still be empty or half typed; only a meaningful probe is looked up.
 */
export const DuplicateProbeInput = z.object({
  familyName: z.string().trim().max(100, { error: "tooLong" }).default(""),
  givenName: z.string().trim().max(100, { error: "tooLong" }).default(""),
  birthDate: z.union([z.literal(""), IsoDate]).default(""),
  iin: z.string().trim().max(12, { error: "tooLong" }).default(""),
});
export type DuplicateProbeInput = z.infer<typeof DuplicateProbeInput>;

/** The parts of a probe worth a lookup: a well-formed IIN, and a name with a birth date. */
export type DuplicateProbe = { iin: string | null; name: { familyName: string; givenName: string; birthDate: string } | null };

const MIN_FAMILY_NAME = 2;
// A date input reports each year it passes through while typed (0001, 0019, 0199...): none is a birth date.
const EARLIEST_BIRTH = "1900-01-01";

/**
 * The probe as it will be looked up, or null when nothing in it is worth one: a lookup costs the
 * user one of their hourly checks and writes an audit event, so half-typed input is not sent.
 * Shared by the form (to decide when to ask) and the server (which decides again).
 */
export function meaningfulProbe(input: DuplicateProbeInput): DuplicateProbe | null {
  const iin = input.iin && checkIin(input.iin).ok ? input.iin : null;
  const name =
    input.familyName.length >= MIN_FAMILY_NAME && input.birthDate >= EARLIEST_BIRTH
      ? { familyName: input.familyName, givenName: input.givenName, birthDate: input.birthDate }
      : null;
  return iin || name ? { iin, name } : null;
}

/** One string per distinct lookup, so that the form asks again only when the lookup would differ. */
export function probeKey(probe: DuplicateProbe): string {
  return JSON.stringify([probe.iin, probe.name?.familyName.toLowerCase(), probe.name?.givenName.toLowerCase(), probe.name?.birthDate]);
}
