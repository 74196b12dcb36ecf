import pg from "pg";
import { describe, expect, it } from "vitest";
import { createDb, createPool } from "./client";
import { createFreshDatabase } from "./fresh-database";

const PROBE = "SELECT current_setting('TimeZone') AS zone, '2024-03-15'::date::text AS day, $1::timestamptz AS at";
type Probe = { zone: string; day: string; at: Date };

describe("the app's connections", () => {
  it("speak UTC and ISO dates in every session, on the driver and through the ORM, whatever the server's defaults", async () => {
    const fresh = await createFreshDatabase("session-options");
    try {
      const admin = new pg.Client({ connectionString: fresh.url });
      await admin.connect();
      const { rows } = await admin.query<{ name: string }>("SELECT current_database() AS name");
      await admin.query(`ALTER DATABASE "${rows[0]!.name}" SET TimeZone = 'Asia/Almaty'`);
      await admin.query(`ALTER DATABASE "${rows[0]!.name}" SET DateStyle = 'SQL, DMY'`);
      await admin.end();

      // A connection of its own gets the server's defaults: what the pools must override.
      const plain = new pg.Client({ connectionString: fresh.url });
      await plain.connect();
      const instant = new Date("2024-03-15T10:00:00.000Z");
      expect((await plain.query<Probe>(PROBE, [instant])).rows[0]).toMatchObject({ zone: "Asia/Almaty", day: "15/03/2024" });
      await plain.end();

      const pool = createPool(fresh.url);
      const db = createDb(fresh.url);
      try {
        const onDriver = (await pool.query<Probe>(PROBE, [instant])).rows[0];
        const [throughOrm] = await db.$queryRawUnsafe<Probe[]>(PROBE, instant);
        for (const probe of [onDriver, throughOrm]) expect(probe).toEqual({ zone: "UTC", day: "2024-03-15", at: instant });
      } finally {
        await pool.end();
        await db.$disconnect();
      }
    } finally {
      await fresh.drop();
    }
  });
});
