import "server-only";
import { z } from "zod";
import { Prisma } from "../db/generated/client";
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

/** A row as the registry reads it: the return date an ISO day. */
type KeyedRow = { id: string; caseNumber: string; returnDate: string; familyNameLatin: string; givenNameLatin: string };

export function encodeRegistryCursor(sort: Sort, row: KeyedRow): string {
  const key: CursorKey =
    sort === "caseNumber"
      ? ["caseNumber", row.caseNumber]
      : sort === "returnDate"
        ? ["returnDate", row.returnDate, row.caseNumber]
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

/** The order of each sort on the person row `p`; the last column makes it total. */
export const REGISTRY_ORDER: Record<Sort, Prisma.Sql> = {
  caseNumber: Prisma.sql`p.case_number`,
  returnDate: Prisma.sql`p.return_date DESC, p.case_number`,
  familyName: Prisma.sql`p.family_name_latin, p.given_name_latin, p.id`,
};

/** The rows after the key, in the order of REGISTRY_ORDER. */
export function afterCursorSql(key: CursorKey): Prisma.Sql {
  switch (key[0]) {
    case "caseNumber":
      return Prisma.sql`p.case_number > ${key[1]}`;
    case "returnDate":
      return Prisma.sql`(p.return_date < ${key[1]}::date OR (p.return_date = ${key[1]}::date AND p.case_number > ${key[2]}))`;
    case "familyName":
      return Prisma.sql`(p.family_name_latin, p.given_name_latin, p.id) > (${key[1]}, ${key[2]}, ${key[3]}::uuid)`;
  }
}
