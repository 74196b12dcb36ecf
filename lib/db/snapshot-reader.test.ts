import { describe, expect, it } from "vitest";
import { makePerson, makeTeam } from "../testing/factories";
import { getDb } from "./client";
import type { CopyFields } from "./copy-binary";
import { openSnapshotReader, type SnapshotReader } from "./snapshot-reader";

/** Runs `read` with a reader on a repeatable-read snapshot, closing it however `read` ends. */
function onSnapshot<T>(read: (reader: SnapshotReader) => Promise<T>): Promise<T> {
  return getDb().$transaction(
    async (tx) => {
      const reader = await openSnapshotReader(tx, 60_000);
      try {
        return await read(reader);
      } finally {
        await reader.close();
      }
    },
    { isolationLevel: "RepeatableRead" },
  );
}

async function all<Row>(pages: AsyncGenerator<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const page of pages) rows.push(...page);
  return rows;
}

const textAndNumber = (fields: CopyFields) => ({ text: fields.text(0), number: fields.int4(1) });

describe("a snapshot reader", () => {
  it("binds each value as data, whatever SQL it holds", async () => {
    const hostile = ["'); DROP TABLE person; --", "$2", "current_setting('x')", "Айгерим"];
    const rows = await onSnapshot((reader) =>
      all(reader.copyPages("SELECT v, n::int FROM unnest($1::text[]) WITH ORDINALITY AS t(v, n) ORDER BY n", [hostile], 2, textAndNumber)),
    );
    expect(rows).toEqual(hostile.map((text, i) => ({ text, number: i + 1 })));
  });

  it("refuses a statement that names a value it was not given", async () => {
    await expect(onSnapshot((reader) => all(reader.copyPages("SELECT $2::text, 1", ["one"], 2, textAndNumber)))).rejects.toThrow(
      "$2 has no value",
    );
  });

  it("stays usable after a read stopped midway, and after a statement that failed once rows had streamed", async () => {
    const after = await onSnapshot(async (reader) => {
      // Far more than one chunk, so the stream is still flowing when the reading stops.
      const stopped = reader.copyPages("SELECT repeat('x', 200), n FROM generate_series(1, 200000) AS n", [], 2, textAndNumber);
      await stopped.next();
      await stopped.return(undefined);
      return all(reader.copyPages("SELECT 'after', 2", [], 2, textAndNumber));
    });
    expect(after).toEqual([{ text: "after", number: 2 }]);

    let streamed = 0;
    await expect(
      onSnapshot(async (reader) => {
        for await (const page of reader.copyPages(
          "SELECT 'x', 1 / (100000 - n) FROM generate_series(1, 100000) AS n",
          [],
          2,
          textAndNumber,
        ))
          streamed += page.length;
      }),
    ).rejects.toThrow("division by zero");
    expect(streamed).toBeGreaterThan(0);
  });

  it("closes while a read is left paused by its reader, which neither ended nor returned it", async () => {
    const first = await onSnapshot(async (reader) => {
      const paused = reader.copyPages("SELECT repeat('x', 200), n FROM generate_series(1, 200000) AS n", [], 2, textAndNumber);
      const page = await paused.next();
      return page.done ? undefined : page.value[0];
    });
    expect(first).toEqual({ text: "x".repeat(200), number: 1 });
  });

  it("reads one statement at a time, and refuses a NULL value rather than read it back as empty text", async () => {
    await onSnapshot(async (reader) => {
      const first = reader.copyPages("SELECT 'one', n FROM generate_series(1, 100000) AS n", [], 2, textAndNumber);
      await first.next();
      await expect(all(reader.copyPages("SELECT 'two', 2", [], 2, textAndNumber))).rejects.toThrow("one statement at a time");
      await first.return(undefined);
      await expect(all(reader.copyPages("SELECT $1::text, 1", [null], 2, textAndNumber))).rejects.toThrow("may not be NULL");
      expect(await all(reader.copyPages("SELECT $1::text, 1", [""], 2, textAndNumber))).toEqual([{ text: "", number: 1 }]);
    });
  });

  it("sees the snapshot of the transaction that opened it, not what was committed since", async () => {
    const team = await makeTeam();
    const person = await makePerson(team.region.id, team.owner.id);
    const names = await onSnapshot(async (reader) => {
      await getDb().person.update({ where: { id: person.id }, data: { familyName: "Изменённая" } });
      return all(reader.copyPages("SELECT family_name, 0 FROM person WHERE id = $1::uuid", [person.id], 2, textAndNumber));
    });
    expect(names).toEqual([{ text: person.familyName, number: 0 }]);
  });
});
