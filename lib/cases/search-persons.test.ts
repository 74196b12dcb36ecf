import { describe, expect, it } from "vitest";
import { Prisma } from "../db/generated/client";
import { caseScopeSql } from "../policy/case-scope-sql";
import { transliterateToLatin } from "../search/normalize-name";
import { makePerson, makeRegion, makeUser } from "../testing/factories";
import { matchingPersonIds } from "./search-persons";
import { randomConsonants } from "../testing/unique-name";

const uniqueSurname = () => `Кап${randomConsonants(8)}ов`;

describe("search matches", () => {
  it("applies the user's scope before the cap, so other regions' matches never crowd out their own", async () => {
    const [home, other] = await Promise.all([makeRegion(), makeRegion()]);
    const supervisor = await makeUser("SUPERVISOR", [home.id]);
    const surname = uniqueSurname();
    for (let i = 0; i < 4; i++) await makePerson(other.id, null, surname);
    const own = await makePerson(home.id, null, surname);
    const matches = await matchingPersonIds(surname, caseScopeSql(supervisor, "case.view", "p"), { cap: 2 });
    expect(matches).toEqual({ ids: [own.id], capped: false });
  });

  it("keeps the closest matches when more match than the cap, and says it cut the list", async () => {
    const region = await makeRegion();
    const surname = uniqueSurname();
    const exact = await makePerson(region.id, null, surname);
    // Close but not equal: the same name with a letter more at its end, as a feminine form has. (A
    // letter changed in the middle could fall into a run that normalising collapses, or push the
    // name below the match threshold: 3 in 100 random names did one or the other.)
    const near = `${surname}а`;
    for (let i = 0; i < 3; i++) await makePerson(region.id, null, near);
    const inRegion = Prisma.sql`p.region_id = ${region.id}::uuid`;
    const all = await matchingPersonIds(transliterateToLatin(surname), inRegion);
    expect(all.ids).toHaveLength(4);
    expect(all.capped).toBe(false);
    const cut = await matchingPersonIds(transliterateToLatin(surname), inRegion, { cap: 1 });
    expect(cut).toEqual({ ids: [exact.id], capped: true });
  });
});
