import type { EnrollmentStatus } from "../db/generated/enums";

/**
 * An enrollment in one of these states meets the need for its program type (DOMAIN.md, "Needs a
 * program"): the case page, the review queue, the registry's need filter and the dashboard agree.
 */
export const MEETS_NEED: readonly EnrollmentStatus[] = ["REFERRED", "ENROLLED", "COMPLETED"];
