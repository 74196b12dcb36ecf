import type { Labels } from "../i18n/locales";

/** How the case page's loaders hand dates and reference names to the screen. */
export const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
export const labels = (r: { nameEn: string; nameRu: string; nameKk: string }): Labels => ({ en: r.nameEn, ru: r.nameRu, kk: r.nameKk });
export const typeLabels = (r: { labelEn: string; labelRu: string; labelKk: string }): Labels => ({
  en: r.labelEn,
  ru: r.labelRu,
  kk: r.labelKk,
});
