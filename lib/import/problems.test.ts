import { describe, expect, it } from "vitest";
import en from "../../messages/en.json";
import { messageValues, PROBLEM_GROUPS } from "./problems";

describe("import problems", () => {
  it.each(Object.entries(PROBLEM_GROUPS))("every %s code has a message, and the catalog no code that does not exist", (group, codes) => {
    const messages: Record<string, string> = en.import.problems[group as keyof typeof PROBLEM_GROUPS];
    expect(Object.keys(messages).sort()).toEqual([...codes].sort());
  });

  it("gives byte limits in megabytes, as people read them", () => {
    expect(messageValues({ kind: "file", code: "tooLarge", limit: 10 * 1024 * 1024 })).toEqual({ limit: 10 * 1024 * 1024, megabytes: 10 });
    expect(messageValues({ kind: "sheet", sheet: "S", code: "tooManyRows", limit: 20_000 })).toEqual({ limit: 20_000 });
    expect(messageValues({ kind: "file", code: "empty" })).toEqual({});
  });
});
