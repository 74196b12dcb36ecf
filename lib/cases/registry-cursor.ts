import "server-only";
import { z } from "zod";
import type { Prisma } from "../db/client";
import type { RegistryQuery } from "../validation/registry";

/**
 * The registry's paging cursor: the sort key of the last row shown, never a row's id alone.
 * The next page is "rows after this key" within the user's scope, so what a cursor returns
 * depends only on the values it carries, not on whether some case exists: a cursor made from a
 * case out of reach tells nothing about that case. The cursor is opaque to the browser
 * (base64url of JSON) and parsed strictly; anything else is a bad request, not a first page.
 */
type Sort = RegistryQuery["sort"];

const Key = {
  caseNumber: z.tuple([z.literal("caseNumber"), z.string().min(1).max(40)]),
  returnDate: z.tuple([z.literal("returnDate"), z.iso.date(), z.string().min(1).max(40)]),
  familyName: z.tuple([z.literal("familyName"), z.string().max(400), z.string().max(400), z.uuid()]),
};
const CursorKey = z.union([Key.caseNumber, Key.returnDate, Key.familyName]);
type CursorKey = z.infer<typeof CursorKey>;

type KeyedRow = { id: string; caseNumber: string; returnDate: Date; familyNameLatin: string; givenNameLatin: string };

/** The columns a cursor is made from, to select beside the page's own. */
export const CURSOR_COLUMNS = { id: true, caseNumber: true, returnDate: true, familyNameLatin: true, givenNameLatin: true } as const;

export function encodeRegistryCursor(sort: Sort, row: KeyedRow): string {
  const key: CursorKey =
    sort === "caseNumber"
      ? ["caseNumber", row.caseNumber]
      : sort === "returnDate"
        ? ["returnDate", row.returnDate.toISOString().slice(0, 10), row.caseNumber]
        : ["familyName", row.familyNameLatin, row.givenNameLatin, row.id];
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** The key a cursor carries, or null when it is not one of ours or belongs to another sort. */
export function decodeRegistryCursor(sort: Sort, cursor: string): CursorKey | null {
  if (!/^[A-Za-z0-9_-]{1,1200}$/.test(cursor)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = CursorKey.safeParse(json);
  return parsed.success && parsed.data[0] === sort ? parsed.data : null;
}

/** The rows after the key, in the order of ORDER in registry.ts. */
export function afterCursorWhere(key: CursorKey): Prisma.PersonWhereInput {
  switch (key[0]) {
    case "caseNumber":
      return { caseNumber: { gt: key[1] } };
    case "returnDate": {
      const day = new Date(`${key[1]}T00:00:00Z`);
      return { OR: [{ returnDate: { lt: day } }, { returnDate: day, caseNumber: { gt: key[2] } }] };
    }
    case "familyName":
      return {
        OR: [
          { familyNameLatin: { gt: key[1] } },
          { familyNameLatin: key[1], givenNameLatin: { gt: key[2] } },
          { familyNameLatin: key[1], givenNameLatin: key[2], id: { gt: key[3] } },
        ],
      };
  }
}
