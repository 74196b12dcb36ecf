import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { inDriverTransaction, queryRows } from "../db/sql";
import { WAITING_TARGET_SETTING, WAITING_TARGET_SQL, waitingTargetOf } from "./waiting-target";

/** Rolls back whatever `work` wrote, so the setting other tests read is never changed. */
async function rolledBack(work: Parameters<typeof inDriverTransaction>[0]): Promise<void> {
  const undo = new Error("undo");
  await expect(
    inDriverTransaction(async (tx) => {
      await work(tx);
      throw undo;
    }),
  ).rejects.toBe(undo);
}

describe("the waiting target in SQL", () => {
  // Stored JSON texts as a hand-edited row might hold them: each must give in SQL what it gives
  // when parsed and checked in JavaScript.
  const stored = [
    "30",
    "1",
    "3650",
    "45",
    "45.0",
    "0",
    "3651",
    "-5",
    "45.5",
    "1e3",
    "1e4",
    "1e400",
    "-1e400",
    "1e-400",
    "2.0000000000000001",
    "0.99999999999999999999",
    "3650.0000000000000001",
    "3650.5",
    "-0",
    '"45"',
    "true",
    "null",
    '{"days": 45}',
    "[45]",
  ];

  it("gives what waitingTargetOf gives for every stored value, and the default with none", async () => {
    const expected = stored.map((text) => waitingTargetOf(JSON.parse(text)));
    // The values are not all the default, nor all the same: the comparison can fail.
    expect(new Set(expected).size).toBeGreaterThan(3);
    await rolledBack(async (tx) => {
      const read = async () => (await queryRows<{ days: number }>(Prisma.sql`SELECT ${WAITING_TARGET_SQL} AS days`, tx))[0]!.days;
      await tx.rows("DELETE FROM setting WHERE key = $1", [WAITING_TARGET_SETTING]);
      expect(await read()).toBe(waitingTargetOf(undefined));
      const got: number[] = [];
      for (const text of stored) {
        await tx.rows(
          "INSERT INTO setting (key, value, updated_at) VALUES ($1, $2::jsonb, now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
          [WAITING_TARGET_SETTING, text],
        );
        got.push(await read());
      }
      expect(got).toEqual(expected);
    });
  });
});
