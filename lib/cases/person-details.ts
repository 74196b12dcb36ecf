import type { Prisma } from "../db/client";
import type { RiskLevel, Sex } from "../db/generated/enums";
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

/** The details a person's form sets, as plain values: what the audit log records. */
export type PersonDetails = {
  familyName: string;
  givenName: string;
  patronymic: string | null;
  sex: Sex;
  birthDate: string;
  birthDateEstimated: boolean;
  iin: string | null;
  citizenship: string;
  address: string | null;
  riskLevel: RiskLevel;
};

type DetailsInput = Omit<PersonDetails, "patronymic" | "iin" | "address"> & { patronymic: string; iin: string; address: string };

/** The form's details with empty optional fields as null, the way they are stored. */
export function personDetailsOf(input: DetailsInput): PersonDetails {
  return {
    familyName: input.familyName,
    givenName: input.givenName,
    patronymic: input.patronymic || null,
    sex: input.sex,
    birthDate: input.birthDate,
    birthDateEstimated: input.birthDateEstimated,
    iin: input.iin || null,
    citizenship: input.citizenship,
    address: input.address || null,
    riskLevel: input.riskLevel,
  };
}

/** The person's columns for those details, shared by registering and editing a case. */
export function personDetailsData(details: PersonDetails) {
  return {
    ...personNameFields(details.familyName, details.givenName, details.patronymic),
    sex: details.sex,
    birthDate: new Date(`${details.birthDate}T00:00:00Z`),
    birthDateEstimated: details.birthDateEstimated,
    iin: details.iin,
    citizenship: details.citizenship,
    address: details.address,
    riskLevel: details.riskLevel,
  } satisfies Partial<Prisma.PersonUncheckedCreateInput>;
}
