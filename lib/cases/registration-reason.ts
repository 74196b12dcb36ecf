/**
 * The stored reason of the first prosecution entry, made by registration itself rather than by a
 * person. Stored in English, as exports show it; screens show it in the reader's language.
 */
export const REGISTRATION_REASON = "Case registered";
