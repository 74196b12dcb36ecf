import type { Prisma } from "../db/client";
import { normalizeName, transliterateToLatin } from "../search/normalize-name";
import { storedPerson, type PersonFieldName, type RecordedPerson } from "../validation/person-fields";

/** A person's name as stored: as written, in readable Latin, and in the normalised form search compares. */
export function personNameFields(familyName: string, givenName: string, patronymic: string | null) {
  return {
    familyName,
    givenName,
    patronymic,
    familyNameLatin: transliterateToLatin(familyName),
    givenNameLatin: transliterateToLatin(givenName),
    patronymicLatin: patronymic ? transliterateToLatin(patronymic) : null,
    searchName: normalizeName([familyName, givenName, patronymic].filter(Boolean).join(" ")),
  };
}

type NamePart = "familyName" | "givenName" | "patronymic";

/**
 * The person's columns for recorded field values, shared by registering and editing a case: the
 * name's Latin and search forms are written with the name, so they never fall out of step.
 */
export function personColumns<K extends PersonFieldName>(values: RecordedPerson<K | NamePart>) {
  return {
    ...storedPerson(values),
    ...personNameFields(values.familyName, values.givenName, values.patronymic),
  } satisfies Partial<Prisma.PersonUncheckedCreateInput>;
}
