import { randomUUID } from "node:crypto";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/client";
import { queryRows, type AnyTx } from "../db/sql";
import type { CaseStatus, EnrollmentStatus, RiskLevel, AgeCategory } from "../db/generated/enums";
import { recordAuditEvent, recordAuditEvents, SYSTEM_ACTOR, type AuditActor, type AuditInput } from "../audit/record-event";
import { registrationDay } from "../tasks/registration-day";
import { dueTasks, type CaseState, type DueTask } from "../tasks/due-tasks";
import { closingOf } from "../tasks/task-closing";
import { STORED_RULES, SUPERVISOR_RULES, type TaskRule, type TaskRules } from "../tasks/task-rules";
import { todayOf } from "../calendar/calendar-day";
import { taskRuleSettings } from "../tasks/task-settings";

export type TaskCounts = {
  cases: number;
  created: number;
  reopened: number;
  done: number;
  noLongerNeeded: number;
  rescheduled: number;
  reassigned: number;
};

const noCounts = (): TaskCounts => ({ cases: 0, created: 0, reopened: 0, done: 0, noLongerNeeded: 0, rescheduled: 0, reassigned: 0 });

type Loaded = { state: CaseState; caseworkerId: string | null };
type StoredTask = { id: string; personId: string; rule: string; dueKey: string; dueOn: string; responsibleId: string | null };

/**
 * Brings the stored tasks of the given cases in line with what the rules compute from their state
 * now, inside the caller's transaction: missing open tasks are created (or reopened, when a case
 * closed and opened again), tasks no longer due are closed as done or no longer needed
 * (lib/tasks/task-closing.ts), and open ones follow a changed due day or caseworker. Each change is
 * one event of its case's chain, returned for the caller to record after its own event.
 *
 * The cases' rows are locked first, in id order, so this and an action on the same case (which
 * writes the case or calls this too) run one after the other and the second reads the first's
 * result; every write is conditional (insert unless the key exists, close only while open), so two
 * runs at once still make each change once. Running it again with nothing changed writes nothing.
 */
export async function syncCaseTasks(
  tx: AnyTx,
  caseIds: readonly string[],
  options: { actor: AuditActor; now: Date; rules: TaskRules },
): Promise<{ counts: TaskCounts; events: AuditInput[] }> {
  const counts = noCounts();
  const events: AuditInput[] = [];
  if (caseIds.length === 0) return { counts, events };
  const { toCreate, toClose, toChange, cases } = await planCaseTasks(tx, caseIds, options.rules, { lock: true, now: options.now });
  counts.cases = cases;
  if (toCreate.length) {
    // A key already stored and closed as no longer needed is due again (the case reopened): it
    // opens again rather than being stored twice. A key closed as done is never reopened.
    const written = await queryRows<StoredTask & { created: boolean }>(
      Prisma.sql`
      INSERT INTO task (id, person_id, rule, due_key, due_on, responsible_id, updated_at)
      SELECT t.id, t.person_id, t.rule, t.due_key, t.due_on, t.responsible_id, ${options.now}
      FROM unnest(${toCreate.map((t) => t.id)}::uuid[], ${toCreate.map((t) => t.personId)}::uuid[], ${toCreate.map((t) => t.rule)}::text[],
                  ${toCreate.map((t) => t.dueKey)}::text[], ${toCreate.map((t) => t.dueOn)}::date[], ${toCreate.map((t) => t.responsibleId)}::uuid[])
        AS t(id, person_id, rule, due_key, due_on, responsible_id)
      ON CONFLICT (person_id, due_key) DO UPDATE
        SET state = 'OPEN', closed_by = NULL, closed_at = NULL, due_on = EXCLUDED.due_on, responsible_id = EXCLUDED.responsible_id, updated_at = EXCLUDED.updated_at
        WHERE task.state = 'NO_LONGER_NEEDED'
      RETURNING id::text, person_id::text AS "personId", rule, due_key AS "dueKey", due_on::text AS "dueOn",
                responsible_id::text AS "responsibleId", (xmax = 0) AS created`,
      tx,
    );
    for (const task of written) {
      counts[task.created ? "created" : "reopened"]++;
      events.push(
        taskEvent(options.actor, task.created ? "task.created" : "task.reopened", task, null, {
          rule: task.rule,
          dueOn: task.dueOn,
          responsibleId: task.responsibleId,
        }),
      );
    }
  }
  if (toClose.length) {
    const closed = await queryRows<StoredTask & { state: string; closedBy: string }>(
      Prisma.sql`
      UPDATE task SET state = c.state::"TaskState", closed_by = c.closed_by, closed_at = ${options.now}, updated_at = ${options.now}
      FROM unnest(${toClose.map((t) => t.id)}::uuid[], ${toClose.map((t) => t.state)}::text[], ${toClose.map((t) => t.closedBy)}::text[])
        AS c(id, state, closed_by)
      WHERE task.id = c.id AND task.state = 'OPEN'
      RETURNING task.id::text, person_id::text AS "personId", rule, due_key AS "dueKey", due_on::text AS "dueOn",
                responsible_id::text AS "responsibleId", task.state::text AS state, task.closed_by AS "closedBy"`,
      tx,
    );
    for (const task of closed) {
      const done = task.state === "DONE";
      counts[done ? "done" : "noLongerNeeded"]++;
      events.push(
        taskEvent(
          options.actor,
          done ? "task.done" : "task.noLongerNeeded",
          task,
          { state: "OPEN" },
          {
            state: task.state,
            closedBy: task.closedBy,
          },
        ),
      );
    }
  }
  if (toChange.length) {
    const changed = await queryRows<StoredTask & { oldDueOn: string; oldResponsibleId: string | null }>(
      Prisma.sql`
      UPDATE task SET due_on = c.due_on, responsible_id = c.responsible_id, updated_at = ${options.now}
      FROM (
        SELECT c.*, old.due_on AS old_due_on, old.responsible_id AS old_responsible_id
        FROM unnest(${toChange.map((t) => t.id)}::uuid[], ${toChange.map((t) => t.dueOn)}::date[], ${toChange.map((t) => t.responsibleId)}::uuid[])
          AS c(id, due_on, responsible_id)
        JOIN task old ON old.id = c.id
      ) AS c
      WHERE task.id = c.id AND task.state = 'OPEN'
        AND (task.due_on, task.responsible_id) IS DISTINCT FROM (c.due_on, c.responsible_id)
      RETURNING task.id::text, person_id::text AS "personId", rule, due_key AS "dueKey", task.due_on::text AS "dueOn",
                task.responsible_id::text AS "responsibleId", c.old_due_on::text AS "oldDueOn", c.old_responsible_id::text AS "oldResponsibleId"`,
      tx,
    );
    for (const task of changed) {
      if (task.dueOn !== task.oldDueOn) {
        counts.rescheduled++;
        events.push(taskEvent(options.actor, "task.rescheduled", task, { dueOn: task.oldDueOn }, { dueOn: task.dueOn }));
      }
      if (task.responsibleId !== task.oldResponsibleId) {
        counts.reassigned++;
        events.push(
          taskEvent(
            options.actor,
            "task.reassigned",
            task,
            { responsibleId: task.oldResponsibleId },
            { responsibleId: task.responsibleId },
          ),
        );
      }
    }
  }
  return { counts, events };
}

type Plan = {
  cases: number;
  toCreate: { id: string; personId: string; rule: string; dueKey: string; dueOn: string; responsibleId: string | null }[];
  toClose: { id: string; state: string; closedBy: string }[];
  toChange: { id: string; dueOn: string; responsibleId: string | null }[];
  /** The cases that have any change to make. */
  changed: Set<string>;
};

/** What the rules call for against what is stored, for each case, as of `now`; writes nothing. */
async function planCaseTasks(
  db: AnyTx,
  caseIds: readonly string[],
  rules: TaskRules,
  options: { lock: boolean; now: Date },
): Promise<Plan> {
  const today = todayOf(options.now);
  const loaded = await loadStates(db, caseIds, options.lock);
  const stored = await queryRows<StoredTask>(
    Prisma.sql`
    SELECT id::text, person_id::text AS "personId", rule, due_key AS "dueKey", due_on::text AS "dueOn", responsible_id::text AS "responsibleId"
    FROM task WHERE person_id = ANY(${[...loaded.keys()]}::uuid[]) AND state = 'OPEN'`,
    db,
  );
  const storedByCase = groupBy(stored, (task) => task.personId);

  const toCreate: { id: string; personId: string; rule: string; dueKey: string; dueOn: string; responsibleId: string | null }[] = [];
  const toClose: { id: string; state: string; closedBy: string }[] = [];
  const toChange: { id: string; dueOn: string; responsibleId: string | null }[] = [];
  const changed = new Set<string>();
  for (const [personId, { state, caseworkerId }] of loaded) {
    const before = toCreate.length + toClose.length + toChange.length;
    const due = new Map(
      dueTasks(state, rules)
        .filter((task) => STORED_RULES.includes(task.rule))
        .map((task): [string, DueTask] => [task.key, task]),
    );
    const open = storedByCase.get(personId) ?? [];
    for (const task of open) {
      const still = due.get(task.dueKey);
      const responsibleId = still ? responsibleFor(still.rule, caseworkerId) : null;
      if (!still) toClose.push({ id: task.id, ...closingOf(task.dueKey, state) });
      else if (still.dueOn !== task.dueOn || task.responsibleId !== responsibleId)
        toChange.push({ id: task.id, dueOn: still.dueOn, responsibleId });
      due.delete(task.dueKey);
    }
    for (const task of due.values())
      if (task.newUntil === undefined || today <= task.newUntil)
        toCreate.push({
          id: randomUUID(),
          personId,
          rule: task.rule,
          dueKey: task.key,
          dueOn: task.dueOn,
          responsibleId: responsibleFor(task.rule, caseworkerId),
        });
    if (toCreate.length + toClose.length + toChange.length > before) changed.add(personId);
  }
  return { cases: loaded.size, toCreate, toClose, toChange, changed };
}

/** The caseworker, or no one named (the supervisors of the case's region) for a supervisor's rule or a case without one. */
const responsibleFor = (rule: TaskRule, caseworkerId: string | null): string | null =>
  SUPERVISOR_RULES.includes(rule) ? null : caseworkerId;

function taskEvent(
  actor: AuditActor,
  action: string,
  task: StoredTask,
  before: AuditInput["before"],
  after: AuditInput["after"],
): AuditInput {
  return { actor, action, entityType: "task", entityId: task.id, caseId: task.personId, before, after };
}

/**
 * The recomputation the job runs: every case that is open or still has open tasks (or only the
 * given cases), in chunks of one transaction each so no lock is held for long, then one system
 * event with the counts. `now` is the moment it counts as: tests move the clock by passing another.
 */
export async function recomputeTasks(db: Db, options: { now: Date; caseIds?: readonly string[]; chunkSize?: number }): Promise<TaskCounts> {
  const rules = await taskRuleSettings(db);
  const ids = options.caseIds
    ? [...new Set(options.caseIds)].sort()
    : (
        await db.$queryRaw<{ id: string }[]>`
          SELECT id::text FROM person WHERE case_status = 'OPEN'
          UNION SELECT person_id::text FROM task WHERE state = 'OPEN'
          ORDER BY 1`
      ).map((row) => row.id);
  const total = noCounts();
  const size = options.chunkSize ?? 1000;
  for (let start = 0; start < ids.length; start += size) {
    const chunk = ids.slice(start, start + size);
    // Read without locks first: on most nights most cases have nothing to change, and only those
    // that do are locked and planned again inside the transaction that writes.
    const { changed, cases } = await planCaseTasks(db, chunk, rules, { lock: false, now: options.now });
    total.cases += cases;
    if (changed.size === 0) continue;
    const counts = await db.$transaction(
      async (tx) => {
        const { counts, events } = await syncCaseTasks(tx, [...changed], { actor: SYSTEM_ACTOR, now: options.now, rules });
        await recordAuditEvents(tx, events);
        return counts;
      },
      { timeout: 120_000 },
    );
    for (const key of Object.keys(total) as (keyof TaskCounts)[]) if (key !== "cases") total[key] += counts[key];
  }
  await db.$transaction((tx) =>
    recordAuditEvent(tx, {
      actor: SYSTEM_ACTOR,
      action: "tasks.recomputed",
      entityType: "job",
      entityId: "tasks.recompute",
      after: { ...total, scope: options.caseIds ? "cases" : "all", asOf: options.now.toISOString() },
    }),
  );
  return total;
}

type PersonRow = {
  id: string;
  caseStatus: CaseStatus;
  riskLevel: RiskLevel;
  ageCategory: AgeCategory;
  birthDate: string;
  createdAt: Date;
  caseworkerId: string | null;
  lastReviewOn: string | null;
  requirementsReviewedOn: string | null;
  queueWaitingSince: string | null;
};

/** The rules' input for each case, in three set-based reads; with `lock`, the cases' rows locked in id order. */
async function loadStates(tx: AnyTx, caseIds: readonly string[], lock: boolean): Promise<Map<string, Loaded>> {
  const ids = [...caseIds].sort();
  const persons = await queryRows<PersonRow>(
    Prisma.sql`SELECT p.id::text, p.case_status AS "caseStatus", p.risk_level AS "riskLevel", p.age_category AS "ageCategory",
           p.birth_date::text AS "birthDate", p.created_at AS "createdAt", p.caseworker_id::text AS "caseworkerId",
           (SELECT max(r.reviewed_on)::text FROM case_review r WHERE r.person_id = p.id) AS "lastReviewOn",
           (SELECT max(q.reviewed_on)::text FROM requirements_review q WHERE q.person_id = p.id) AS "requirementsReviewedOn",
           (SELECT f.waiting_since::text FROM person_figures f WHERE f.person_id = p.id) AS "queueWaitingSince"
    FROM person p WHERE p.id = ANY(${ids}::uuid[]) ORDER BY p.id ${lock ? Prisma.sql`FOR NO KEY UPDATE OF p` : Prisma.empty}`,
    tx,
  );
  const enrollments = await queryRows<{
    id: string;
    personId: string;
    status: EnrollmentStatus;
    referredOn: string;
    completedOn: string | null;
  }>(
    Prisma.sql`SELECT id::text, person_id::text AS "personId", status, referred_on::text AS "referredOn", completed_on::text AS "completedOn"
    FROM enrollment WHERE person_id = ANY(${ids}::uuid[])`,
    tx,
  );
  const followUps = await queryRows<{ personId: string; enrollmentId: string; afterMonths: number }>(
    Prisma.sql`
    SELECT person_id::text AS "personId", enrollment_id::text AS "enrollmentId", after_months AS "afterMonths"
    FROM follow_up WHERE person_id = ANY(${ids}::uuid[])`,
    tx,
  );
  const enrollmentsByCase = groupBy(enrollments, (e) => e.personId);
  const followUpsByCase = groupBy(followUps, (f) => f.personId);
  return new Map(
    persons.map((p): [string, Loaded] => [
      p.id,
      {
        caseworkerId: p.caseworkerId,
        state: {
          caseStatus: p.caseStatus,
          riskLevel: p.riskLevel,
          ageCategory: p.ageCategory,
          birthDate: p.birthDate,
          registeredOn: registrationDay(p.createdAt),
          lastCaseReviewOn: p.lastReviewOn,
          enrollments: (enrollmentsByCase.get(p.id) ?? []).map(({ id, status, referredOn, completedOn }) => ({
            id,
            status,
            referredOn,
            completedOn,
          })),
          followUps: (followUpsByCase.get(p.id) ?? []).map(({ enrollmentId, afterMonths }) => ({ enrollmentId, afterMonths })),
          requirementsReviewedOn: p.requirementsReviewedOn,
          queueWaitingSince: p.queueWaitingSince,
        },
      },
    ]),
  );
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
