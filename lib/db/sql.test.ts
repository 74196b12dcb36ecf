import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { requireEditableCase } from "../access/case-access";
import { recordAuditEvent } from "../audit/record-event";
import { verifyDatabase } from "../audit/verify-database";
import { makePerson, makeTeam } from "../testing/factories";
import { getDb, getPool } from "./client";
import { DriverTx, inDriverTransaction, PREPARED_LIMIT, sqlOf } from "./sql";

const notes = (caseId: string) => getDb().note.count({ where: { personId: caseId } });
const insertNote = (caseId: string) =>
  [`INSERT INTO note (id, person_id, body, updated_at) VALUES (gen_random_uuid(), $1, $2, now())`, [caseId, "Записка"]] as const;

describe("a transaction on the driver", () => {
  it("commits what its work wrote when the work returns, and nothing of it when the work throws", async () => {
    const team = await makeTeam();
    const person = await makePerson(team.region.id, team.owner.id);
    await expect(
      inDriverTransaction(async (tx) => {
        await tx.rows(...insertNote(person.id));
        throw new Error("refused after the write");
      }),
    ).rejects.toThrow("refused after the write");
    expect(await notes(person.id)).toBe(0);

    await inDriverTransaction((tx) => tx.rows(...insertNote(person.id)));
    expect(await notes(person.id)).toBe(1);
  });

  it("hands its connection back after a failed statement, so the pool never runs dry", async () => {
    const failures = await Promise.allSettled(
      // More transactions than the pool has connections: one connection kept would stall the rest.
      Array.from({ length: 3 * (getPool().options.max ?? 10) }, () => inDriverTransaction((tx) => tx.rows("SELECT 1 / 0"))),
    );
    expect(failures.every((failure) => failure.status === "rejected")).toBe(true);
    const [row] = await inDriverTransaction((tx) => tx.rows<{ ok: number }>("SELECT 1 AS ok"));
    expect(row).toEqual({ ok: 1 });
  });

  it("reads the case guard's row exactly as the ORM's transaction reads it", async () => {
    const team = await makeTeam();
    const person = await makePerson(team.region.id, team.owner.id);
    const onDriver = await inDriverTransaction((tx) => requireEditableCase(tx, team.owner, person.id));
    const onOrm = await getDb().$transaction((tx) => requireEditableCase(tx, team.owner, person.id));
    expect(onDriver).toEqual(onOrm);
    expect(onDriver).toMatchObject({ id: person.id, version: 1, regionId: team.region.id, caseworkerId: team.owner.id });
  });

  it("appends to a case's chain so that one chain holds events of both kinds of transaction and verifies", async () => {
    const team = await makeTeam();
    const person = await makePerson(team.region.id, team.owner.id);
    const event = (body: string) => ({
      actor: { id: team.owner.id, label: team.owner.email, role: team.owner.role },
      action: "note.added",
      entityType: "note",
      caseId: person.id,
      after: { body, nested: { list: [1, "два", null] } },
    });
    await inDriverTransaction((tx) => recordAuditEvent(tx, event("на драйвере")));
    await getDb().$transaction((tx) => recordAuditEvent(tx, event("через ORM")));
    await inDriverTransaction((tx) => recordAuditEvent(tx, event("снова на драйвере")));
    const rows = await sqlOf(getDb()).rows<{ seq: number; after: unknown }>(
      `SELECT seq, after FROM audit_event WHERE chain = $1 AND action = 'note.added' ORDER BY seq`,
      [person.id],
    );
    expect(rows.map((row) => row.after)).toEqual([event("на драйвере").after, event("через ORM").after, event("снова на драйвере").after]);
    const verified = await verifyDatabase(getDb(), { chains: [person.id] });
    expect(verified.ok).toBe(true);
  });
});

describe("statements on the driver are named (docs/decisions/035)", () => {
  /** The statements the connection has prepared, by text. */
  const prepared = (tx: DriverTx) => tx.rows<{ name: string; statement: string }>("SELECT name, statement FROM pg_prepared_statements");

  it("prepares a text once per connection and runs it again by its name", async () => {
    const text = `SELECT $1::int + 1 AS n /* ${randomUUID()} */`;
    await inDriverTransaction(async (tx) => {
      expect(await tx.rows(text, [1])).toEqual([{ n: 2 }]);
      expect(await tx.rows(text, [41])).toEqual([{ n: 42 }]);
      const same = (await prepared(tx)).filter((p) => p.statement === text);
      expect(same).toHaveLength(1);
      expect(same[0]!.name).toMatch(/^z_[0-9a-f]{32}$/);
    });
  });

  it("parses a statement again after its parse failed", async () => {
    const table = `later_${randomUUID().replace(/-/g, "")}`;
    const text = `SELECT count(*)::int AS n FROM ${table}`;
    const client = await getPool().connect();
    try {
      const tx = new DriverTx(client);
      await expect(tx.rows(text)).rejects.toThrow(/does not exist/);
      await tx.rows(`CREATE TABLE ${table} (id int)`);
      expect(await tx.rows(text)).toEqual([{ n: 0 }]);
      await tx.rows(`DROP TABLE ${table}`);
    } finally {
      client.release();
    }
  });

  it("drops a transaction's connection whose named statement a migration made stale, so the next ones succeed", async () => {
    const table = `retyped_${randomUUID().replace(/-/g, "")}`;
    await sqlOf().rows(`CREATE TABLE ${table} (x int)`);
    try {
      const read = () => inDriverTransaction((tx) => tx.rows(`SELECT x FROM ${table}`));
      const connections = getPool().options.max ?? 10;
      // Every connection of the pool prepares the statement: as many transactions at once.
      await Promise.all(Array.from({ length: connections }, read));
      await sqlOf().rows(`ALTER TABLE ${table} ALTER COLUMN x TYPE text`);
      const outcomes: boolean[] = [];
      for (let i = 0; i < 2 * connections + 2; i++)
        outcomes.push(
          await read().then(
            () => true,
            () => false,
          ),
        );
      // Each connection that held the old statement fails once and is dropped; the rest succeed.
      expect(outcomes.slice(-connections).every(Boolean)).toBe(true);
    } finally {
      await sqlOf().rows(`DROP TABLE ${table}`);
    }
  });

  // Last in the file: it fills this file's list of named texts.
  it(`names no more than ${PREPARED_LIMIT} texts; later ones run unnamed`, async () => {
    const marker = randomUUID();
    await inDriverTransaction(async (tx) => {
      for (let i = 0; i < PREPARED_LIMIT; i++) await tx.rows(`SELECT ${i} AS n /* ${marker} */`);
      const past = `SELECT 'past the limit' AS n /* ${marker} */`;
      expect(await tx.rows(past)).toEqual([{ n: "past the limit" }]);
      const mine = (await prepared(tx)).filter((p) => p.statement.includes(marker));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThanOrEqual(PREPARED_LIMIT);
      expect(mine.some((p) => p.statement === past)).toBe(false);
    });
  });
});
