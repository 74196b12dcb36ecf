import ExcelJS from "exceljs";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../db/client";
import { ensureOperation, makeTeam, makeUser, type Team } from "../testing/factories";
import { outcome } from "../testing/outcome";
import { makeIin } from "../validation/iin";
import { SaveImportMappingInput } from "./mapping-input";
import type { ImportMapping, SheetMapping } from "./mapping";
import { previewPersonsImport } from "./preview-persons";
import { proposeMapping, type MappingProposal } from "./propose-mapping";
import { deleteImportMapping, listImportMappings, loadImportMapping, loadMappingByName, saveImportMapping } from "./saved-mappings";

let team: Team;
beforeAll(async () => {
  await ensureOperation();
  team = await makeTeam();
});

const unique = () =>
  `Оф${randomUUID()
    .slice(0, 6)
    .replace(/[0-9-]/g, "")
    .padEnd(3, "к")}`;

type Cells = (string | number | Date | null)[];

/** A file as a regional office keeps it: its own headers and its own words for regions and statuses, and any sheets of its own after. */
async function officeFile(rows: Cells[], others: { name: string; rows: Cells[] }[] = []): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Возвращенцы");
  sheet.addRow([
    "№ п/п",
    "Ф.И.О.",
    "Пол",
    "Дата рожд.",
    "ИИН",
    "Область",
    "Статус дела",
    "Дата возвращения",
    "Операция",
    "Откуда вернулся",
    "Примечание",
  ]);
  for (const row of rows) sheet.addRow(row);
  for (const other of others) {
    const added = workbook.addWorksheet(other.name);
    for (const row of other.rows) added.addRow(row);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const officeRow = (n: number, name: string, region: string, status: string) => [
  n,
  name,
  "М",
  "13.07.1953",
  makeIin("1953-07-13", "MALE", 1000 + n),
  region,
  status,
  new Date(Date.UTC(2019, 4, 7)),
  "TEST_OP",
  "SY",
  "",
];

const proposed = (proposal: MappingProposal) => {
  if (proposal.status !== "proposed") throw new Error(JSON.stringify(proposal));
  return proposal;
};

/**
 * A sheet's columns with the person's answers, as the page sends them: a column still a question
 * is not in the mapping until it is answered, so answering adds it.
 */
function withAnswers(
  sheet: SheetMapping | undefined,
  proposedColumns: readonly { column: number; header: string }[],
  answers: Record<string, string | null>,
): SheetMapping["columns"] {
  const listed = [...(sheet?.columns ?? [])];
  for (const { column, header } of proposedColumns)
    if (header in answers && !listed.some((c) => c.column === column)) listed.push({ column, header, field: null });
  return listed.map((c) => (c.header in answers ? { ...c, field: answers[c.header] ?? null } : c));
}

/** The person's answers: the office's own word for the region and for a status, and the columns nobody imports. */
function answered(proposal: ReturnType<typeof proposed>, regionCode: string): ImportMapping {
  return {
    ...proposal.mapping,
    sheets: {
      persons: {
        columns: withAnswers(proposal.mapping.sheets.persons, proposal.columns, { Пол: "sex", "№ п/п": null, Примечание: null }),
        values: { region: { "южная обл": regionCode }, caseStatus: { "в работе": "OPEN", архив: null }, sex: { м: "MALE" } },
      },
    },
  };
}

describe("the mapping step", () => {
  it("suggests the columns, lists the values no code matches and the names it cannot split, and reads no case", async () => {
    const since = new Date();
    const bytes = await officeFile([
      officeRow(1, `${unique()} Ерлан Серік ұлы`, "Южная обл.", "В работе"),
      officeRow(2, `${unique()} Мария`, "южная обл", "Архив"),
      officeRow(3, "Петров", team.region.nameRu, "Открыто"),
    ]);
    const proposal = proposed(await proposeMapping(team.supervisor, bytes));
    expect(proposal.columns.map((c) => c.field)).toEqual([
      null,
      "fullName",
      "sex",
      "birthDate",
      "iin",
      "region",
      "caseStatus",
      "returnDate",
      "returnOperation",
      "returnedFrom",
      null,
    ]);
    const unmatched = Object.fromEntries(proposal.choices.map((c) => [c.field, c.unmatched.map((v) => [v.written, v.rows])]));
    expect(unmatched).toEqual({
      sex: [["М", 3]],
      region: [["Южная обл.", 2]],
      caseStatus: [
        ["В работе", 1],
        ["Архив", 1],
      ],
      returnOperation: [],
    });
    // Regions offered are only the user's.
    expect(proposal.choices.find((c) => c.field === "region")?.options.map((o) => o.code)).toEqual([team.region.code]);
    expect(proposal.unsplitNames).toEqual([{ row: 4, written: "Петров", code: "oneWord" }]);
    // Two columns nobody recognised, four values nobody answered.
    expect(proposal.missing).toEqual([]);
    expect(proposal.questions).toBe(6);
    expect(proposal.applied).toBeNull();
    expect(await getDb().auditEvent.count({ where: { actorId: team.supervisor.id, occurredAt: { gte: since } } })).toBe(0);
  });

  it("asks about the columns and values of the office's other sheets too, and previews them with the answers", async () => {
    const supervisor = await makeUser("SUPERVISOR", [team.region.id]);
    // The office's own sheet of prosecution history: the person by the persons sheet's "№ п/п", its own word for a status.
    const bytes = await officeFile(
      [officeRow(1, `${unique()} Ерлан`, team.region.nameRu, "Открыто")],
      [
        {
          name: "Судимость",
          rows: [
            ["№ п/п", "Стадия", "Дата", "Статьи", "Суд", "Основание"],
            [1, "под следствием", "01.09.2019", "255-2", "", "Постановление"],
          ],
        },
      ],
    );

    const first = proposed(await proposeMapping(supervisor, bytes));
    // Sent back as it came, the mapping answers no question on the person's behalf.
    expect(proposed(await proposeMapping(supervisor, bytes, { mapping: first.mapping })).questions).toBe(first.questions);
    const sheet = first.linked.find((other) => other.kind === "prosecution");
    expect(sheet).toMatchObject({ sheet: "Судимость", missing: ["person", "status"] });
    expect(sheet?.columns.map((c) => c.field)).toEqual([null, null, "effectiveDate", "articles", "authority", "reason"]);

    const mapping: ImportMapping = {
      ...first.mapping,
      sheets: {
        ...first.mapping.sheets,
        persons: {
          columns: withAnswers(first.mapping.sheets.persons, first.columns, { "№ п/п": "key", Примечание: null }),
          values: { sex: { м: "MALE" } },
        },
        prosecution: {
          columns: withAnswers(first.mapping.sheets.prosecution, sheet?.columns ?? [], { "№ п/п": "person", Стадия: "status" }),
          values: {},
        },
      },
    };
    const asked = proposed(await proposeMapping(supervisor, bytes, { mapping }));
    const status = asked.linked.find((other) => other.kind === "prosecution")?.choices.find((c) => c.field === "status");
    expect(status?.unmatched.map((v) => [v.written, v.rows])).toEqual([["под следствием", 1]]);
    expect(asked.questions).toBe(1);

    const answered: ImportMapping = {
      ...mapping,
      sheets: {
        ...mapping.sheets,
        prosecution: { ...mapping.sheets.prosecution!, values: { status: { "под следствием": "UNDER_INVESTIGATION" } } },
      },
    };
    expect(proposed(await proposeMapping(supervisor, bytes, { mapping: answered })).questions).toBe(0);
    const preview = await previewPersonsImport(supervisor, { name: "office.xlsx", bytes }, { mapping: answered });
    if (preview.status !== "previewed") throw new Error(preview.status);
    expect(preview.counts).toMatchObject({ rows: 1, ready: 1 });
    expect(preview.linked.find((other) => other.kind === "prosecution")?.counts).toEqual({ rows: 1, ready: 1, withProblems: 0 });
  });

  it("previews with the person's mapping, saves it, and applies it by itself to the office's next file", async () => {
    const supervisor = await makeUser("SUPERVISOR", [team.region.id]);
    const first = await officeFile([
      officeRow(1, `${unique()} Ерлан`, "Южная обл.", "В работе"),
      officeRow(2, `${unique()} Арман`, "Южная обл.", "Архив"),
    ]);
    const proposal = proposed(await proposeMapping(supervisor, first));
    const mapping = answered(proposal, team.region.code);

    const without = await previewPersonsImport(supervisor, { name: "office.xlsx", bytes: first });
    if (without.status !== "previewed") throw new Error(without.status);
    expect(without.counts.withProblems).toBe(2);
    const withMapping = await previewPersonsImport(supervisor, { name: "office.xlsx", bytes: first }, { mapping });
    if (withMapping.status !== "previewed") throw new Error(withMapping.status);
    expect(withMapping.counts).toMatchObject({ rows: 2, ready: 1, withProblems: 1 });
    // "Архив" was left as an error on purpose.
    expect(withMapping.rows.map((r) => r.problems)).toEqual([[{ field: "caseStatus", column: 7, code: "unknownChoice" }]]);

    const name = `Южный офис ${randomUUID().slice(0, 6)}`;
    const input = SaveImportMappingInput.parse({ name, regionId: team.region.id, mapping: JSON.stringify(mapping) });
    const saved = await saveImportMapping(supervisor, input);

    const second = await officeFile([officeRow(3, `${unique()} Нурлан`, "ЮЖНАЯ ОБЛ", "в работе")]);
    const next = proposed(await proposeMapping(supervisor, second));
    expect(next.applied).toMatchObject({ id: saved.id, name });
    expect(next.questions).toBe(0);
    const preview = await previewPersonsImport(supervisor, { name: "next.xlsx", bytes: second }, { mapping: next.mapping });
    expect(preview).toMatchObject({ status: "previewed", counts: { rows: 1, ready: 1 } });
    expect(await loadMappingByName(supervisor, name)).toEqual(mapping);
  });

  it("shares a mapping with the region's supervisors only, refuses stale and foreign saves, and audits every change", async () => {
    const other = await makeUser("SUPERVISOR", [team.otherRegion.id]);
    const mapping = JSON.stringify({
      format: 1,
      sheets: { persons: { columns: [{ column: 1, header: "ФИО", field: "fullName" }], values: {} } },
    });
    const name = `Общий ${randomUUID().slice(0, 6)}`;
    const { id } = await saveImportMapping(team.supervisor, SaveImportMappingInput.parse({ name, regionId: team.region.id, mapping }));

    expect((await listImportMappings(team.supervisor)).map((m) => m.id)).toContain(id);
    expect((await listImportMappings(other)).map((m) => m.id)).not.toContain(id);
    expect(await outcome(loadImportMapping(other, id))).toBe("notFound");
    expect(await outcome(loadMappingByName(other, name))).toBe("notFound");
    expect(await outcome(deleteImportMapping(other, { id, version: 1 }))).toBe("notFound");
    expect(await outcome(saveImportMapping(other, SaveImportMappingInput.parse({ name, regionId: team.region.id, mapping })))).toBe(
      "forbidden",
    );
    expect(
      await outcome(saveImportMapping(team.supervisor, SaveImportMappingInput.parse({ name, regionId: team.region.id, mapping }))),
    ).toBe("invalid:name=nameTaken");
    for (const user of [team.owner, team.auditor, team.administrator])
      expect(await outcome(saveImportMapping(user, SaveImportMappingInput.parse({ name: "x", regionId: team.region.id, mapping })))).toBe(
        "notFound",
      );

    const renamed = `${name} 2`;
    await saveImportMapping(
      team.supervisor,
      SaveImportMappingInput.parse({ id, version: "1", name: renamed, regionId: team.region.id, mapping }),
    );
    expect(
      await outcome(
        saveImportMapping(team.supervisor, SaveImportMappingInput.parse({ id, version: "1", name, regionId: team.region.id, mapping })),
      ),
    ).toBe("conflict");
    expect(await outcome(deleteImportMapping(team.supervisor, { id, version: 1 }))).toBe("conflict");
    await deleteImportMapping(team.supervisor, { id, version: 2 });

    const events = await getDb().auditEvent.findMany({
      where: { entityType: "import_mapping", entityId: id, action: { not: "access.denied" } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([
      ["import_mapping.created", null, { name, regionId: team.region.id, mapping: JSON.parse(mapping) as unknown }],
      ["import_mapping.updated", { name }, { name: renamed }],
      ["import_mapping.deleted", { name: renamed, regionId: team.region.id, mapping: JSON.parse(mapping) as unknown }, null],
    ]);
  });

  it("refuses a mapping that is not one, and a stored document that no longer parses is never applied", async () => {
    expect(
      SaveImportMappingInput.safeParse({
        name: "x",
        regionId: team.region.id,
        mapping: '{"format":1,"sheets":{"persons":{"columns":[{"column":1,"header":"a","field":"drop table"}],"values":{}}}}',
      }).success,
    ).toBe(false);
    const name = `Сломанный ${randomUUID().slice(0, 6)}`;
    await getDb().importMapping.create({
      data: { name, regionId: team.region.id, mapping: { format: 99 }, createdById: team.supervisor.id, updatedById: team.supervisor.id },
    });
    expect((await listImportMappings(team.supervisor)).find((m) => m.name === name)?.mapping).toBeNull();
    expect(await outcome(loadMappingByName(team.supervisor, name))).toBe("invalid");
  });

  it("is refused to anyone who may not import, with the refusal recorded", async () => {
    const bytes = await officeFile([officeRow(1, "Иванов Иван", team.region.nameRu, "Открыто")]);
    for (const user of [team.owner, team.auditor, team.administrator]) expect(await outcome(proposeMapping(user, bytes))).toBe("notFound");
  });
});
