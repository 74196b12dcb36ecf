import { DomainError } from "../errors/domain-error";
import { FieldProblems } from "../errors/field-problems";

/** How a domain call ended, as one comparable string: "ok", a DomainError kind, or "invalid:field=key,...". */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof FieldProblems) return `invalid:${error.problems.map((p) => `${p.field}=${p.message}`).join(",")}`;
    if (error instanceof DomainError) return error.kind;
    throw error;
  }
}
