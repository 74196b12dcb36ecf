/** The writing system of a name, stored with each alias so that lists can say which script a name is in. */
export function scriptOf(text: string): "CYRILLIC" | "ARABIC" | "LATIN" {
  if (/[\u0600-\u06ff]/.test(text)) return "ARABIC";
  if (/[\u0400-\u04ff]/.test(text)) return "CYRILLIC";
  return "LATIN";
}
