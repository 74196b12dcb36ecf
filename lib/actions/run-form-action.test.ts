import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "../auth/current-user";
import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";
import { initialActionState } from "../validation/action-state";

// Next's request-bound functions, and the session, stood in for: the shape is what is tested here.
const next = vi.hoisted(() => ({
  revalidated: [] as string[],
  caller: { id: "caller", role: "CASEWORKER" } as unknown as CurrentUser,
}));
vi.mock("next/cache", () => ({ revalidatePath: (path: string) => next.revalidated.push(path) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect:${to}`);
  },
}));
vi.mock("../auth/current-user", () => ({ requireUser: async () => next.caller }));

const { formAction } = await import("./run-form-action");

const Input = z.object({ caseId: z.string(), body: z.string().min(1, { error: "required" }) });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
};
const casePath = (submitted: Record<string, string>) => `/cases/${submitted.caseId ?? ""}`;

beforeEach(() => {
  next.revalidated.length = 0;
});

describe("formAction, the one shape of a form action", () => {
  it("answers a form the schema refuses with its field errors and what was typed, never a password, and calls nothing", async () => {
    const run = vi.fn();
    const action = formAction({ name: "testAction", schema: Input, run, path: casePath, success: "saved" });
    expect(await action(initialActionState, form({ caseId: "c1", body: "", newPassword: "secret words" }))).toEqual({
      ok: false,
      fieldErrors: { body: "required" },
      message: "checkFields",
      values: { caseId: "c1", body: "" },
    });
    expect(run).not.toHaveBeenCalled();
    expect(next.revalidated).toEqual([]);
  });

  it("refuses a field carrying a NUL character as unreadable", async () => {
    const action = formAction({ name: "testAction", schema: Input, run: vi.fn(), path: casePath, success: "saved" });
    expect((await action(initialActionState, form({ caseId: "c1", body: "a\u0000b" }))).fieldErrors).toEqual({ body: "invalid" });
  });

  it("calls the domain function with the session's user and the parsed input, revalidates the page and answers the success message", async () => {
    const run = vi.fn(async () => ({ full: true }));
    const action = formAction({
      name: "testAction",
      schema: Input,
      run,
      path: casePath,
      success: (r: { full: boolean }) => (r.full ? "savedFull" : "saved"),
    });
    expect(await action(initialActionState, form({ caseId: "c1", body: "text" }))).toEqual({
      ok: true,
      fieldErrors: {},
      message: "savedFull",
      values: {},
    });
    expect(run).toHaveBeenCalledWith(next.caller, { caseId: "c1", body: "text" });
    expect(next.revalidated).toEqual(["/cases/c1"]);
  });

  it("answers with the form's parts of the page instead of the whole page, and with the whole page when they cannot be rendered", async () => {
    const answer = vi.fn(async (_user: CurrentUser, submitted: Record<string, string>) => ({ notes: `notes of ${submitted.caseId}` }));
    const action = formAction({ name: "testAction", schema: Input, run: async () => ({}), path: casePath, answer, success: "saved" });
    expect(await action(initialActionState, form({ caseId: "c1", body: "text" }))).toEqual({
      ok: true,
      fieldErrors: {},
      message: "saved",
      values: {},
      fragments: { notes: "notes of c1" },
    });
    expect(answer).toHaveBeenCalledWith(next.caller, { caseId: "c1", body: "text" });
    expect(next.revalidated).toEqual([]);

    const failing = formAction({
      name: "testAction",
      schema: Input,
      run: async () => ({}),
      path: casePath,
      answer: async () => {
        throw new Error("the case went out of reach meanwhile");
      },
      success: "saved",
    });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const state = await failing(initialActionState, form({ caseId: "c2", body: "text" }));
    errors.mockRestore();
    expect(state).toEqual({ ok: true, fieldErrors: {}, message: "saved", values: {} });
    expect(next.revalidated).toEqual(["/cases/c2"]);
  });

  it("adds the form's extras from the result, and without a result after a refusal", async () => {
    const extra = (codes: string[] | undefined): { recoveryCodes?: string[] } => ({ recoveryCodes: codes });
    const issuing = formAction({
      name: "testAction",
      schema: Input,
      run: async () => ["a", "b"],
      path: "/account",
      success: "issued",
      extra,
    });
    expect((await issuing(initialActionState, form({ caseId: "c1", body: "x" }))).recoveryCodes).toEqual(["a", "b"]);
    const refused = formAction({
      name: "testAction",
      schema: Input,
      run: async (): Promise<string[]> => Promise.reject(new DomainError("forbidden", "no")),
      path: "/account",
      success: "issued",
      extra,
    });
    expect(await refused(initialActionState, form({ caseId: "c1", body: "x" }))).toEqual({
      ok: false,
      fieldErrors: {},
      message: "forbidden",
      values: { caseId: "c1", body: "x" },
      recoveryCodes: undefined,
    });
  });

  it("keeps the input after a conflict and revalidates the page so it shows the other change", async () => {
    const action = formAction({
      name: "testAction",
      schema: Input,
      run: () => Promise.reject(new DomainError("conflict", "stale")),
      path: casePath,
      success: "saved",
      messages: { conflict: "accountConflict" },
    });
    expect(await action(initialActionState, form({ caseId: "c1", body: "mine" }))).toEqual({
      ok: false,
      fieldErrors: {},
      message: "accountConflict",
      values: { caseId: "c1", body: "mine" },
    });
    expect(next.revalidated).toEqual(["/cases/c1"]);
  });

  it("puts problems only the database can find next to their fields", async () => {
    const action = formAction({
      name: "testAction",
      schema: Input,
      run: () => Promise.reject(new FieldProblems([{ field: "body", message: "programFull" }])),
      path: casePath,
      success: "saved",
    });
    expect((await action(initialActionState, form({ caseId: "c1", body: "x" }))).fieldErrors).toEqual({ body: "programFull" });
  });

  it("answers a refusal particular to the form with its message and extras", async () => {
    const action = formAction({
      name: "testAction",
      schema: Input,
      run: () => Promise.reject(new Error("duplicates")),
      path: "/cases",
      extra: (): { duplicates: string[] | null } => ({ duplicates: null }),
      refusal: (error) =>
        error instanceof Error && error.message === "duplicates" ? { message: "possibleDuplicates", duplicates: ["KZ-1"] } : null,
    });
    expect(await action({ ...initialActionState, duplicates: null }, form({ caseId: "c1", body: "x" }))).toMatchObject({
      ok: false,
      message: "possibleDuplicates",
      duplicates: ["KZ-1"],
      values: { caseId: "c1", body: "x" },
    });
  });

  it("shows an unexpected error only as a reference to the log", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const action = formAction({
      name: "testAction",
      schema: Input,
      run: () => Promise.reject(new Error("connection to 10.0.0.5 refused")),
      path: casePath,
      success: "saved",
    });
    const state = await action(initialActionState, form({ caseId: "c1", body: "x" }));
    expect(state.message).toBe("unexpected");
    expect(state.messageValues?.ref).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(state)).not.toContain("10.0.0.5");
    logged.mockRestore();
  });

  it("redirects after a success only, and sends nothing typed back where the form says so", async () => {
    const leaving = formAction({
      name: "testAction",
      schema: Input,
      run: async () => ({ id: "new" }),
      path: "/cases",
      redirectTo: (created) => `/cases/${created.id}`,
    });
    await expect(leaving(initialActionState, form({ caseId: "c1", body: "x" }))).rejects.toThrow("redirect:/cases/new");
    const code = formAction({
      name: "testAction",
      schema: Input,
      run: () => Promise.reject(new DomainError("invalid", "wrong code")),
      path: "/login/code",
      redirectTo: () => "/",
      echo: false,
    });
    expect(await code(initialActionState, form({ caseId: "c1", body: "123456" }))).toEqual({
      ok: false,
      fieldErrors: {},
      message: "invalid",
      values: {},
    });
  });
});
