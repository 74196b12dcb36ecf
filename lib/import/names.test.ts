import { describe, expect, it } from "vitest";
import { splitFullName } from "./names";

describe("splitFullName", () => {
  it.each([
    ["a Russian full name", "Иванов Иван Иванович", ["Иванов", "Иван", "Иванович"]],
    ["a Latin name without patronymic", "Ivanov Ivan", ["Ivanov", "Ivan", null]],
    ["a Latin name with patronymic", "Ivanov Ivan Ivanovich", ["Ivanov", "Ivan", "Ivanovich"]],
    ["a Kazakh patronymic written as one word", "Серіков Ерлан Серікұлы", ["Серіков", "Ерлан", "Серікұлы"]],
    ["a Kazakh patronymic written as two words", "Серіков Ерлан Серік ұлы", ["Серіков", "Ерлан", "Серік ұлы"]],
    ["a daughter's patronymic in two words, without Kazakh letters", "Серикова Айгуль Серик кызы", ["Серикова", "Айгуль", "Серик кызы"]],
    ["a daughter's patronymic in one word", "Ахметова Дана Ахметқызы", ["Ахметова", "Дана", "Ахметқызы"]],
    ["a double given name before a patronymic", "Петрова Анна Мария Петровна", ["Петрова", "Анна Мария", "Петровна"]],
    ["extra spaces and a comma after the family name", "  Иванов,  Иван\u00a0Иванович ", ["Иванов", "Иван", "Иванович"]],
    ["a hyphenated family name", "Абдуллаева-Ким Мадина", ["Абдуллаева-Ким", "Мадина", null]],
  ])("splits %s", (_, text, [familyName, givenName, patronymic]) => {
    expect(splitFullName(text)).toEqual({ ok: true, parts: { familyName, givenName, patronymic } });
  });

  it.each([
    ["one word", "Иванов", "oneWord"],
    ["nothing", "   ", "oneWord"],
    ["more than four words", "Абу Бакр аль Багдади Ибрагим", "tooManyWords"],
    ["four words with no patronymic at the end", "Аль Багдади Абу Бакр", "ambiguous"],
    ["a two-word patronymic with no given name", "Серіков Серік ұлы", "ambiguous"],
    ["initials instead of names", "Иванов И.И.", "initials"],
    ["initials with spaces", "Иванов И. И.", "initials"],
  ])("refuses %s", (_, text, code) => {
    expect(splitFullName(text)).toEqual({ ok: false, code });
  });
});
