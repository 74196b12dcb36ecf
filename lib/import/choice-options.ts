import { LOCALES, type Labels } from "../i18n/locales";
import { catalogText } from "./catalog-text";
import type { ChoiceOption } from "./enum-match";
import type { ChoiceSource } from "./import-fields";
import type { ReasonKind } from "../db/generated/enums";

/**
 * A row of a reference table an import may name: `value` is what the record stores (a region's
 * id, an operation's or program type's code), `code` what a file may write for it.
 */
export type ReferenceOption = { value: string; code: string; labels: Labels };

/** A reason an enrollment may end for: a code is unique within its kind only. */
export type EndingReason = { id: string; kind: ReasonKind; code: string };

/**
 * The reference data a file is read against, as the database holds it for the person importing.
 * `endingReasons` offers each code once (a file names the reason, its row's ending says the kind);
 * `reasons` resolves the code within the kind.
 */
export type ImportReference = {
  regions: ReferenceOption[];
  operations: ReferenceOption[];
  programTypes: ReferenceOption[];
  endingReasons: ReferenceOption[];
  reasons: EndingReason[];
};

/** An accepted value: the code, what the record stores for it, and its label in each language. */
export type AcceptedValue = ChoiceOption & { value: string; labelIn: Labels };

export function acceptedValues(source: ChoiceSource, reference: ImportReference): AcceptedValue[] {
  if (typeof source === "string")
    return reference[source].map((option) => ({
      code: option.code,
      value: option.value,
      labelIn: option.labels,
      labels: [option.labels.en, option.labels.ru, option.labels.kk],
    }));
  return source.map((choice) => {
    const labelIn = Object.fromEntries(LOCALES.map((locale) => [locale, catalogText(locale, choice.label)])) as Labels;
    return { code: choice.value, value: choice.value, labelIn, labels: [labelIn.en, labelIn.ru, labelIn.kk] };
  });
}
