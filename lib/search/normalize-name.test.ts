import { describe, expect, it } from "vitest";
import { normalizeName, transliterateToLatin } from "./normalize-name";

describe("normalizeName", () => {
  it.each([
    ["Абдуллаев", "Abdullaev", "Abdullayev", "ABDULLAEV"],
    ["Нұрсұлтан", "Nursultan", "Nursultan", "nursultan"],
    ["Жанна", "Zhanna", "Janna", "Dzhanna"],
    ["Юсупов", "Yusupov", "Iusupov", "Yussupov"],
    ["Елена", "Yelena", "Elena", "ELENA"],
    ["Хасан", "Khasan", "Hasan", "Hassan"],
  ])("gives %s, %s, %s and %s one form", (...spellings) => {
    expect(new Set(spellings.map(normalizeName)).size).toBe(1);
  });

  it("keeps the words of a full name apart and drops punctuation and accents", () => {
    expect(normalizeName("  Ахметова-Сейткали,  Әйгерім ")).toBe("ahmetova seitkali aigerim");
    expect(normalizeName("Émile Müller")).toBe("emile muler");
  });

  it("brings an Arabic-script kunya close to its Latin spelling", () => {
    expect(normalizeName("أبو محمد")).toBe("abu mhmd");
    expect(normalizeName("Abu Muhammad")).toBe("abu muhamad");
    expect(normalizeName("عبد الله")).toBe("abd alh");
    expect(normalizeName("Abdullah")).toBe("abdulah");
  });
});

describe("transliterateToLatin", () => {
  it("keeps capitals and renders Kazakh letters", () => {
    expect(transliterateToLatin("Әлиев Нұрлан Қайратұлы")).toBe("Aliev Nurlan Kayratuly");
    expect(transliterateToLatin("Жанна Юсупова")).toBe("Zhanna Yusupova");
  });
});
