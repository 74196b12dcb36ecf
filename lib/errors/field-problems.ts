import { DomainError } from "./domain-error";

export type FieldError = { field: string; message: string };

/** Input that parsed but breaks a rule only the database can check (a transition, a full program); each problem is a message key. */
export class FieldProblems extends DomainError {
  constructor(readonly problems: FieldError[]) {
    super("invalid", "invalid input");
  }
}
