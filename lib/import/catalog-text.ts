import english from "../../messages/en.json";
import kazakh from "../../messages/kk.json";
import russian from "../../messages/ru.json";
import type { Locale } from "../i18n/locales";

type Tree = { readonly [key: string]: string | Tree };

/** Every catalog has the English one's keys (lib/i18n/catalogs.test.ts). */
const CATALOGS: Record<Locale, Tree> = { en: english, ru: russian, kk: kazakh };

/**
 * A catalog entry by its dotted key, for the text a file carries (the template's headers and
 * instructions, the enumerations' labels in every language) rather than a page. A key missing
 * from the catalog is a defect in the declarations, so it throws rather than writing the key.
 */
export function catalogText(locale: Locale, key: string, values: Record<string, string> = {}): string {
  let node: string | Tree | undefined = CATALOGS[locale];
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  if (typeof node !== "string") throw new Error(`No catalog text for ${key}`);
  return node.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
