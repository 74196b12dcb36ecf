import { describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { makePerson, makeTeam } from "../testing/factories";
import { addNote } from "./add-note";
import { getCase } from "./get-case";

const views = (caseId: string, actorId: string) => getDb().auditEvent.count({ where: { chain: caseId, action: "case.viewed", actorId } });

describe("the view of a case in its audit chain", () => {
  it("is recorded at every navigation, and not again for the page sent back with the user's own save", async () => {
    const team = await makeTeam();
    const person = await makePerson(team.region.id, team.owner.id);
    await getCase(team.owner, person.id);
    await getCase(team.owner, person.id);
    expect(await views(person.id, team.owner.id)).toBe(2);

    await addNote(team.owner, { caseId: person.id, body: "Беседа с матерью" });
    await getCase(team.owner, person.id, "afterAction");
    expect(await views(person.id, team.owner.id)).toBe(2);
  });

  it("is recorded for a save's answer when the case's latest event is someone else's", async () => {
    const team = await makeTeam();
    const person = await makePerson(team.region.id, team.owner.id);
    await addNote(team.supervisor, { caseId: person.id, body: "Записка руководителя" });
    // A request that only claims to follow a save: the user has not acted on this case.
    await getCase(team.owner, person.id, "afterAction");
    expect(await views(person.id, team.owner.id)).toBe(1);
  });
});
