import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "../auth/current-user";
import { getDb } from "../db/client";
import { makePerson, makeRegion, makeUser } from "../testing/factories";
import { RegistryQuery } from "../validation/registry";
import { REGISTRY_PAGE_SIZE, listCases } from "./registry";
import { encodeRegistryCursor } from "./registry-cursor";

let supervisor: CurrentUser;
let regionId: string;
let elsewhere: { id: string; caseNumber: string; returnDate: string; familyNameLatin: string; givenNameLatin: string };

beforeAll(async () => {
  const [mine, other] = await Promise.all([makeRegion(), makeRegion()]);
  regionId = mine.id;
  supervisor = await makeUser("SUPERVISOR", [mine.id]);
  // More than a page, with family names and return dates that tie, so every tie-breaker is used.
  for (let i = 0; i < REGISTRY_PAGE_SIZE + 7; i++) {
    const person = await makePerson(mine.id, null, ["Абаев", "Бекова", "Ахметов"][i % 3]);
    await getDb().person.update({ where: { id: person.id }, data: { returnDate: new Date(`2019-0${(i % 4) + 1}-15`) } });
  }
  const foreign = await makePerson(other.id, null, "Бекова");
  elsewhere = { ...foreign, returnDate: foreign.returnDate.toISOString().slice(0, 10) };
});

async function everyPage(sort: RegistryQuery["sort"]) {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listCases(supervisor, RegistryQuery.parse({ region: regionId, sort, cursor }));
    ids.push(...page.rows.map((r) => r.id));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor);
  return { ids, pages };
}

describe("registry paging", () => {
  it.each(["caseNumber", "returnDate", "familyName"] as const)(
    "pages through every case in reach exactly once when sorted by %s",
    async (sort) => {
      const first = await listCases(supervisor, RegistryQuery.parse({ region: regionId, sort }));
      const { ids, pages } = await everyPage(sort);
      expect(pages).toBe(2);
      expect(ids).toHaveLength(first.total);
      expect(new Set(ids).size).toBe(ids.length);
    },
  );

  it("refuses a case id as a cursor, so an id cannot be probed by paging from it", async () => {
    await expect(listCases(supervisor, RegistryQuery.parse({ region: regionId, cursor: elsewhere.id }))).rejects.toMatchObject({
      kind: "invalid",
    });
    await expect(listCases(supervisor, RegistryQuery.parse({ region: regionId, cursor: randomUUID() }))).rejects.toMatchObject({
      kind: "invalid",
    });
  });

  it("answers a cursor made from a case out of reach exactly like one made up with the same key", async () => {
    for (const sort of ["caseNumber", "returnDate", "familyName"] as const) {
      const fromForeignCase = await listCases(
        supervisor,
        RegistryQuery.parse({ region: regionId, sort, cursor: encodeRegistryCursor(sort, elsewhere) }),
      );
      const madeUp = await listCases(
        supervisor,
        RegistryQuery.parse({
          region: regionId,
          sort,
          cursor: encodeRegistryCursor(sort, { ...elsewhere, id: randomUUID().replace(/^./, "f") }),
        }),
      );
      const ids = (page: typeof madeUp) => page.rows.map((r) => r.id);
      if (sort !== "familyName") expect(ids(fromForeignCase)).toEqual(ids(madeUp));
      expect(fromForeignCase.rows.every((r) => r.regionId === regionId)).toBe(true);
    }
  });

  it("refuses a cursor made for another sort order or altered by hand", async () => {
    const cursor = encodeRegistryCursor("caseNumber", elsewhere);
    await expect(listCases(supervisor, RegistryQuery.parse({ region: regionId, sort: "returnDate", cursor }))).rejects.toMatchObject({
      kind: "invalid",
    });
    await expect(listCases(supervisor, RegistryQuery.parse({ region: regionId, cursor: `${cursor}x` }))).rejects.toMatchObject({
      kind: "invalid",
    });
    await expect(
      listCases(
        supervisor,
        RegistryQuery.parse({ region: regionId, cursor: Buffer.from('["caseNumber",{"gt":""}]').toString("base64url") }),
      ),
    ).rejects.toMatchObject({ kind: "invalid" });
  });
});
