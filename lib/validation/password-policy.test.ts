import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it.each([
    ["short", "elevenchars", "passwordTooShort"],
    ["long", "x".repeat(129), "passwordTooLong"],
    ["on the common list", "1qaz2wsx3edc", "passwordCommon"],
    ["a common password with digits glued on", "Password12345!", "passwordCommon"],
    ["one character repeated", "aaaaaaaaaaaaaaa", "passwordCommon"],
    ["the account's own name with a suffix", "caseworker2026!", "passwordPersonal"],
  ])("refuses a password that is %s", (_label, password, problem) => {
    expect(passwordProblem(password, ["caseworker@zhusan.kz", "Aigerim Sadykova"])).toBe(problem);
  });

  it.each([
    ["a passphrase", "correct horse battery staple"],
    ["exactly twelve characters", "vT7#kq2!Lm9z"],
    ["Kazakh words, counted as letters not bytes", "Қазақстан-жұлдыз"],
    ["the maximum length", "жq7#".repeat(32)],
  ])("accepts %s", (_label, password) => {
    expect(passwordProblem(password, ["caseworker@zhusan.kz"])).toBeNull();
  });

  it("counts code points, so eleven Cyrillic letters are still too short", () => {
    expect(passwordProblem("ЖжЖжЖжЖжЖжЖ")).toBe("passwordTooShort");
  });
});
