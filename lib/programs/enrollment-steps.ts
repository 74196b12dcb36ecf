import type { EnrollmentStatus, ReasonKind } from "../db/generated/enums";
import type { EnrollmentStep } from "../validation/enrollment";

/** The enrollment lifecycle (DOMAIN.md): referred -> enrolled -> completed, or declined / withdrawn / dropped out. */
export const STEPS: Record<EnrollmentStep, { from: EnrollmentStatus; to: EnrollmentStatus; reasonKind: ReasonKind | null }> = {
  enrol: { from: "REFERRED", to: "ENROLLED", reasonKind: null },
  decline: { from: "REFERRED", to: "DECLINED", reasonKind: "DECLINE" },
  complete: { from: "ENROLLED", to: "COMPLETED", reasonKind: null },
  withdraw: { from: "ENROLLED", to: "WITHDRAWN", reasonKind: "WITHDRAW" },
  drop_out: { from: "ENROLLED", to: "DROPPED_OUT", reasonKind: "DROP_OUT" },
};

export function stepsFrom(status: EnrollmentStatus): EnrollmentStep[] {
  return (Object.keys(STEPS) as EnrollmentStep[]).filter((step) => STEPS[step].from === status);
}
