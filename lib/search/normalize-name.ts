/**
 * Names are searched in one normalised Latin form, whatever script they were written in, so
 * that "Абдуллаев", "Abdullaev" and "Abdullayev" meet. The database then compares these forms
 * by trigram similarity (pg_trgm), which absorbs the differences folding leaves.
 */

const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
  // Kazakh letters beyond the Russian alphabet.
  ә: "a",
  ғ: "g",
  қ: "k",
  ң: "n",
  ө: "o",
  ұ: "u",
  ү: "u",
  һ: "h",
  і: "i",
};

// A rough consonant-and-long-vowel rendering: short vowels are rarely written in Arabic script,
// so an Arabic spelling can only ever come close to a Latin one, never equal it.
const ARABIC: Record<string, string> = {
  ا: "a",
  أ: "a",
  إ: "i",
  آ: "a",
  ٱ: "a",
  ب: "b",
  ت: "t",
  ث: "th",
  ج: "j",
  ح: "h",
  خ: "kh",
  د: "d",
  ذ: "dh",
  ر: "r",
  ز: "z",
  س: "s",
  ش: "sh",
  ص: "s",
  ض: "d",
  ط: "t",
  ظ: "z",
  ع: "a",
  غ: "gh",
  ف: "f",
  ق: "q",
  ك: "k",
  ل: "l",
  م: "m",
  ن: "n",
  ه: "h",
  ة: "a",
  و: "u",
  ي: "i",
  ى: "a",
  ء: "",
  ئ: "i",
  ؤ: "u",
};

function transliterateChar(char: string): string {
  const lower = char.toLowerCase();
  const mapped = CYRILLIC[lower] ?? ARABIC[char];
  if (mapped === undefined) return char;
  if (char === lower || mapped.length === 0) return mapped;
  return mapped[0]!.toUpperCase() + mapped.slice(1);
}

/** Readable Latin for a name in Cyrillic (Russian or Kazakh) or Arabic script; Latin passes through. */
export function transliterateToLatin(text: string): string {
  return [...text].map(transliterateChar).join("");
}

// Spelling variants of one sound, folded to a single form; order matters (dzh before zh).
const FOLDS: [RegExp, string][] = [
  [/dzh|dj/g, "j"],
  [/zh/g, "j"],
  [/kh/g, "h"],
  [/ph/g, "f"],
  [/q/g, "k"],
  [/w/g, "v"],
  [/y/g, "i"],
  // "Abdullayev" and "Abdullaev": a glide between vowels is a spelling habit, not a sound.
  [/([aeou])i(?=[aeiou])/g, "$1"],
  // "Yelena" and "Elena".
  [/^ie/g, "e"],
  [/(.)\1+/g, "$1"],
];

/** The search form of a name: lower-case Latin letters and single spaces, spelling variants folded. */
export function normalizeName(text: string): string {
  const latin = transliterateToLatin(text.toLowerCase())
    .normalize("NFKD")
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, " ")
    .trim();
  return latin
    .split(" ")
    .filter(Boolean)
    .map((word) => FOLDS.reduce((w, [pattern, replacement]) => w.replace(pattern, replacement), word))
    .join(" ");
}
