import type { JsonValue } from "../audit/canonical-json";
import type { HashedEvent } from "../audit/event-hash";

/**
 * The pseudonymised profile of DOMAIN.md, for outside evaluators: no names, aliases, IIN or
 * address; dates cut to the month; free text left out; persons keyed by pseudonyms that mean
 * something only inside this one export. It works on member names rather than on a list of
 * event types, so an event type added later is covered without anyone remembering to.
 */
const IDENTIFYING = new Set([
  "familyName", "givenName", "patronymic", "familyNameLatin", "givenNameLatin", "patronymicLatin", "searchName",
  "iin", "address", "aliases", "alias", "value", "name", "email", "label",
  "body", "note", "outcomeNote", "text", "q", "reason", "articles", "authority",
  "ipAddress", "userAgent", "caseNumber", "otherCaseNumber",
  // A household link names the other person's case number; an assignment names the caseworker.
  "member", "caseworker",
]);
const REMOVED = "[removed]";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4}-\d{2})-\d{2}(T.*)?$/;

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

  event(event: HashedEvent): JsonValue {
    return {
      id: this.pseudonym(event.id, "E"),
      chain: this.pseudonym(event.chain, "P"),
      seq: event.seq,
      occurredAt: monthOf(event.occurredAt),
      actor: { role: event.actor.role },
      action: event.action,
      entity: { type: event.entity.type, id: event.entity.id === null ? null : this.pseudonym(event.entity.id, event.entity.id === event.caseId ? "P" : "R") },
      caseId: event.caseId === null ? null : this.pseudonym(event.caseId, "P"),
      before: this.value(event.before),
      after: this.value(event.after),
      context: this.value(event.context),
    };
  }

  value(value: JsonValue): JsonValue {
    if (value === null || typeof value === "boolean" || typeof value === "number") return value;
    if (typeof value === "string") {
      if (UUID.test(value)) return this.pseudonym(value.toLowerCase());
      return monthOf(value);
    }
    if (Array.isArray(value)) return value.map((item) => this.value(item));
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, IDENTIFYING.has(key) && inner !== null ? REMOVED : this.value(inner)]));
  }
}

/** A date or timestamp cut to its month; any other text unchanged. */
function monthOf(text: string): string {
  const match = DATE.exec(text);
  return match ? match[1]! : text;
}
