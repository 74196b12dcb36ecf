import type { JsonValue } from "../audit/canonical-json";
import type { HashedEvent } from "../audit/event-hash";
import { pseudonymisedPersonMembers, type PseudonymisedAs } from "../validation/person-fields";

/**
 * The pseudonymised profile of docs/domain.md ("Exports"), for outside evaluators: no names, aliases, IIN or
 * address; dates cut to the month; free text left out; persons keyed by pseudonyms that mean
 * something only inside this one export.
 *
 * It works by what may leave, not by what must not: each event kind lists the members of its
 * `before`, `after` and `context` that leave and how. A member not listed never leaves, so a
 * field or an event kind added later stays inside until someone decides it may go. `removed`
 * marks a member known to hold something identifying: the evaluator sees that it changed, never
 * its value.
 */
type Rule =
  /**
   * As person-fields.ts declares them: a code from a fixed vocabulary (a status, a role, a type),
   * kept as is when it looks like one; a date or timestamp cut to its month; the id of a record
   * replaced by its pseudonym; a flag; or removed.
   */
  | PseudonymisedAs
  /** A case's id, replaced by the pseudonym its chain has in the file. */
  | "case"
  | "number";
type Shape = { readonly [member: string]: Rule | Shape };
type EventShape = { before?: Shape; after?: Shape; context?: Shape };

const REMOVED = "[removed]";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4}-\d{2})-\d{2}(T.*)?$/;
/** What the app's codes look like; anything else under a `code` rule is text that slipped in, and stays. */
const CODE = /^[A-Za-z0-9_.:,-]{1,200}$/;

/** The registry filters of a set export; the search text is not among them. */
const FILTERS: Shape = {
  region: "ref",
  age: "code",
  prosecution: "code",
  status: "code",
  risk: "code",
  caseworker: "ref",
  operation: "code",
  returnedFrom: "month",
  returnedTo: "month",
  convicted: "code",
  prosecuted: "code",
  assigned: "code",
  inProgram: "code",
  need: "code",
  caseId: "case",
};

/** A person's registration or edit: each field as its declaration says, and the aliases registered with it. */
const PERSON: Shape = { ...pseudonymisedPersonMembers(), aliases: "removed" };
const ASSIGNMENT: Shape = { caseworkerId: "ref", caseworker: "removed" };
const HOUSEHOLD: Shape = { householdId: "ref", member: "removed", memberRole: "code", ownRole: "code" };
const ALIAS: Shape = { value: "removed", type: "code", source: "removed" };
const ENROLLMENT_STEP: EventShape = { before: { status: "code" }, after: { status: "code", date: "month", reasonId: "ref" } };

/** Which request a change came from, who asked for it and when: the confirmer is the event's own actor. */
const CONFIRMATION: Shape = { changeRequest: "ref", requestedBy: "ref", requestedAt: "month" };
const HELD_CHANGE: Shape = {
  prosecutionStatus: "code",
  caseStatus: "code",
  effectiveDate: "month",
  articles: "removed",
  authority: "removed",
  sentenceMonths: "number",
};
const DECISION: EventShape = { context: { kind: "code", requestedBy: "ref", requestedAt: "month" } };
/** A transfer's events name its group, both regions, its basis and date; the basis's words stay in the reason, which never leaves. */
const TRANSFER: Shape = {
  transfer: "ref",
  fromRegion: "ref",
  toRegion: "ref",
  basis: "code",
  effectiveDate: "month",
  baseVersion: "number",
  members: "number",
  requestedBy: "ref",
  requestedAt: "month",
  toReferAgain: "number",
};
const TRANSFER_MOVE: Shape = { regionId: "ref", caseworkerId: "ref" };

const MAY_LEAVE: Readonly<Record<string, EventShape>> = {
  "case.created": { after: PERSON, context: { possibleDuplicatesReviewed: "flag" } },
  "case.viewed": {},
  "case.assigned": { before: ASSIGNMENT, after: ASSIGNMENT },
  "person.updated": { before: PERSON, after: PERSON, context: CONFIRMATION },
  "prosecution.status_changed": {
    before: { status: "code" },
    after: { status: "code", effectiveDate: "month", articles: "removed", authority: "removed", sentenceMonths: "number" },
    context: { correction: "flag", ...CONFIRMATION },
  },
  "change.requested": {
    before: HELD_CHANGE,
    after: HELD_CHANGE,
    context: { kind: "code", baseVersion: "number", suggestedConfirmer: "ref" },
  },
  "change.confirmed": DECISION,
  "change.rejected": DECISION,
  "change.withdrawn": DECISION,
  "change.superseded": DECISION,
  "transfer.requested": { before: TRANSFER_MOVE, after: TRANSFER_MOVE, context: TRANSFER },
  "transfer.accepted": { before: TRANSFER_MOVE, after: TRANSFER_MOVE, context: TRANSFER },
  "transfer.rejected": { context: TRANSFER },
  "transfer.withdrawn": { context: TRANSFER },
  "transfer.superseded": { context: TRANSFER },
  "enrollment.referred": { after: { status: "code", date: "month", program: "removed", programType: "code" } },
  "enrollment.enrolled": ENROLLMENT_STEP,
  "enrollment.completed": ENROLLMENT_STEP,
  "enrollment.declined": ENROLLMENT_STEP,
  "enrollment.withdrawn": ENROLLMENT_STEP,
  "enrollment.dropped_out": ENROLLMENT_STEP,
  "enrollment.transferred": {
    before: { status: "code" },
    after: { status: "code", program: "removed", programType: "code" },
    context: { transfer: "ref" },
  },
  "need.marked": { before: { programType: "code", state: "code" }, after: { programType: "code", state: "code", reason: "removed" } },
  "note.added": { after: { body: "removed" } },
  "followUp.recorded": {
    after: { enrollmentId: "ref", afterMonths: "number", followedUpOn: "month", outcome: "code", note: "removed" },
  },
  "case.reviewed": { before: { riskLevel: "code" }, after: { reviewedOn: "month", riskLevel: "code", note: "removed" } },
  // The types reviewed are a list, which no rule lets leave; the category says which list it was.
  "need.reviewed": { after: { reviewedOn: "month", ageCategory: "code", note: "removed" } },
  "household.member_added": { after: HOUSEHOLD },
  "household.member_removed": { before: HOUSEHOLD },
  "alias.added": { after: ALIAS },
  "alias.updated": { before: ALIAS, after: ALIAS },
  "alias.removed": { before: ALIAS },
  "history.exported": { context: { format: "code", profile: "code", filters: FILTERS, cases: "number", events: "number" } },
  "access.denied": { context: { attempted: "code" } },
};

export class Pseudonymiser {
  private readonly pseudonyms = new Map<string, string>();

  /** The same id always gets the same pseudonym within one export, and no other. */
  pseudonym(id: string, prefix = "R"): string {
    let known = this.pseudonyms.get(id);
    if (!known) {
      known = `${prefix}-${String(this.pseudonyms.size + 1).padStart(6, "0")}`;
      this.pseudonyms.set(id, known);
    }
    return known;
  }

  /** The event without its actor's identity, reason, hash links or any member its kind does not let leave. */
  event(event: HashedEvent): JsonValue {
    const shape = MAY_LEAVE[event.action] ?? {};
    return {
      id: this.pseudonym(event.id, "E"),
      chain: this.pseudonym(event.chain, "P"),
      seq: event.seq,
      occurredAt: monthOf(event.occurredAt) ?? REMOVED,
      actor: { role: code(event.actor.role) },
      action: code(event.action) ?? REMOVED,
      entity: {
        type: code(event.entity.type) ?? REMOVED,
        id: event.entity.id === null ? null : this.ref(event.entity.id, event.entity.id === event.caseId ? "P" : "R"),
      },
      caseId: event.caseId === null ? null : this.pseudonym(event.caseId, "P"),
      before: this.shaped(event.before, shape.before),
      after: this.shaped(event.after, shape.after),
      context: this.shaped(event.context, shape.context),
    };
  }

  /** A set export's filters, as its manifest shows them. */
  filters(filters: JsonValue): JsonValue {
    return this.shaped(filters, FILTERS);
  }

  private shaped(value: JsonValue, shape: Shape | undefined): JsonValue {
    if (value === null) return null;
    if (!shape || typeof value !== "object" || Array.isArray(value)) return shape ? REMOVED : null;
    const kept: { [member: string]: JsonValue } = {};
    for (const [member, inner] of Object.entries(value)) {
      const rule = Object.hasOwn(shape, member) ? shape[member]! : undefined;
      if (rule !== undefined) kept[member] = typeof rule === "string" ? this.apply(rule, inner) : this.shaped(inner, rule);
    }
    return kept;
  }

  private apply(rule: Rule, value: JsonValue): JsonValue {
    if (value === null) return null;
    switch (rule) {
      case "code":
        return typeof value === "string" ? (code(value) ?? REMOVED) : REMOVED;
      case "month":
        return typeof value === "string" ? (monthOf(value) ?? REMOVED) : REMOVED;
      case "ref":
        return typeof value === "string" ? this.ref(value, "R") : REMOVED;
      case "case":
        return typeof value === "string" ? this.ref(value, "P") : REMOVED;
      case "number":
        return typeof value === "number" ? value : REMOVED;
      case "flag":
        return typeof value === "boolean" ? value : REMOVED;
      case "removed":
        return REMOVED;
    }
  }

  private ref(id: string, prefix: string): string {
    return UUID.test(id) ? this.pseudonym(id.toLowerCase(), prefix) : REMOVED;
  }
}

function code(text: string | null): string | null {
  return text !== null && CODE.test(text) ? text : null;
}

/** A date or timestamp cut to its month; null for anything that is not one. */
function monthOf(text: string): string | null {
  const match = DATE.exec(text);
  return match ? match[1]! : null;
}
