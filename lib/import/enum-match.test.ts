import { describe, expect, it } from "vitest";
import { matchChoices, type ChoiceOption } from "./enum-match";

const CASE_STATUS: ChoiceOption[] = [
  { code: "OPEN", labels: ["Open", "Открыто", "Ашық"] },
  { code: "CLOSED", labels: ["Closed", "Закрыто", "Жабық"] },
  { code: "DECEASED", labels: ["Deceased", "Умер(ла)", "Қайтыс болды"] },
  { code: "LEFT_COUNTRY", labels: ["Left the country", "Выехал(а) из страны", "Елден кетті"] },
];

describe("matchChoices", () => {
  it.each([
    ["the code itself", "OPEN", "OPEN"],
    ["the code in lower case with a space", "left country", "LEFT_COUNTRY"],
    ["the English label", "Closed", "CLOSED"],
    ["the Russian label, upper case and padded", "  ЗАКРЫТО ", "CLOSED"],
    ["the Kazakh label", "Қайтыс   болды", "DECEASED"],
    ["the Russian label with its brackets spaced differently", "Умер (ла)", "DECEASED"],
  ])("matches %s", (_, value, code) => {
    expect(matchChoices([value], CASE_STATUS)).toEqual({ matched: [{ value: value.trim(), code }], unmatched: [] });
  });

  it("lists each distinct value once, in the order first seen, and leaves unmatched ones for the person", () => {
    expect(matchChoices(["Открыто", "в работе", "открыто", "", "Архив", "В работе"], CASE_STATUS)).toEqual({
      matched: [{ value: "Открыто", code: "OPEN" }],
      unmatched: ["в работе", "Архив"],
    });
  });

  it("leaves a value that names two codes unmatched rather than guessing", () => {
    const options: ChoiceOption[] = [
      { code: "A", labels: ["Same"] },
      { code: "B", labels: ["same"] },
    ];
    expect(matchChoices(["SAME"], options)).toEqual({ matched: [], unmatched: ["SAME"] });
  });
});
