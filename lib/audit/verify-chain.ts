import { hashEvent, type HashedEvent } from "./event-hash";

/** An event as exported and stored: the hashed object plus its hash. */
export type ChainedEvent = HashedEvent & { hash: string };

export type ChainProblem = {
  chain: string;
  /** The first event found wrong, or null when events are missing after the last one present. */
  seq: number | null;
  eventId: string | null;
  kind: "content" | "sequence" | "link" | "chain" | "tail";
  detail: string;
};

export type VerificationResult = { ok: boolean; chains: number; events: number; problems: ChainProblem[] };

/** What the chain should end with, when known from outside the events (the database's chain head). */
export type ChainHead = { lastSeq: number; lastHash: string };

/**
 * Checks chains one event at a time, so a verifier streaming millions of events holds only the
 * current chain's last event. Events must arrive grouped by chain, each chain in `seq` order.
 * The first problem of each chain is reported; checking goes on with the next chain.
 */
export class ChainVerifier {
  private chains = 0;
  private events = 0;
  private readonly problems: ChainProblem[] = [];
  private current: { chain: string; expectedSeq: number; prevHash: string | null; broken: boolean } | null = null;
  private readonly seen = new Set<string>();

  push(event: ChainedEvent): void {
    if (this.current?.chain !== event.chain) this.startChain(event);
    const chain = this.current!;
    this.events++;
    if (chain.broken) return;
    const fail = (kind: ChainProblem["kind"], detail: string) => {
      chain.broken = true;
      this.problems.push({ chain: event.chain, seq: event.seq, eventId: event.id, kind, detail });
    };
    const { hash, ...hashed } = event;
    if (hashEvent(hashed) !== hash) return fail("content", "the event's content does not match its hash: it was altered");
    if (event.seq !== chain.expectedSeq) {
      return fail(
        "sequence",
        event.seq > chain.expectedSeq
          ? `events ${chain.expectedSeq} to ${event.seq - 1} are missing before this one`
          : `seq ${event.seq} comes after ${chain.expectedSeq - 1}: events are out of order or repeated`,
      );
    }
    if (event.prevHash !== chain.prevHash) return fail("link", "prevHash is not the hash of the previous event in the chain");
    if ((event.caseId ?? "system") !== event.chain)
      return fail("chain", `the event names case ${event.caseId ?? "none"} but sits in chain ${event.chain}`);
    chain.expectedSeq = event.seq + 1;
    chain.prevHash = hash;
  }

  /** Compares the chain just checked with where it should end; a cut tail leaves no other trace. */
  endChain(head: ChainHead | null): void {
    const chain = this.current;
    if (!chain || chain.broken || !head) return;
    const lastSeq = chain.expectedSeq - 1;
    if (head.lastSeq !== lastSeq || head.lastHash !== chain.prevHash) {
      chain.broken = true;
      this.problems.push({
        chain: chain.chain,
        seq: head.lastSeq > lastSeq ? lastSeq + 1 : null,
        eventId: null,
        kind: "tail",
        detail:
          head.lastSeq > lastSeq
            ? `the chain ends at seq ${lastSeq}, but ${head.lastSeq} events were written: the last ones are missing`
            : "the chain's last event is not the one recorded as its head",
      });
    }
  }

  /** A chain known to exist that produced no event at all. */
  missingChain(chain: string, head: ChainHead): void {
    this.chains++;
    this.problems.push({ chain, seq: 1, eventId: null, kind: "tail", detail: `all ${head.lastSeq} events of the chain are missing` });
  }

  hasSeen(chain: string): boolean {
    return this.seen.has(chain);
  }

  result(): VerificationResult {
    return { ok: this.problems.length === 0, chains: this.chains, events: this.events, problems: [...this.problems] };
  }

  private startChain(event: ChainedEvent): void {
    if (this.seen.has(event.chain)) {
      this.problems.push({
        chain: event.chain,
        seq: event.seq,
        eventId: event.id,
        kind: "sequence",
        detail: "the chain's events are not together in seq order",
      });
    }
    this.seen.add(event.chain);
    this.chains++;
    this.current = { chain: event.chain, expectedSeq: 1, prevHash: null, broken: false };
  }
}

/** One line per problem, naming the event, for people and for logs. */
export function describeProblem(problem: ChainProblem): string {
  const where =
    problem.seq === null
      ? `chain ${problem.chain}, after its last event`
      : `chain ${problem.chain}, event seq ${problem.seq}${problem.eventId ? ` (id ${problem.eventId})` : ""}`;
  return `${where}: ${problem.detail}`;
}
