import { normalizeName, transliterateToLatin } from "../search/normalize-name";

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
