/**
 * The expected failures of domain functions, each with a message key for the user. A case out
 * of the user's reach raises NotFound, exactly like a case that does not exist (docs/decisions/011-not-found-for-cases-out-of-reach.md).
 */
export class DomainError extends Error {
  constructor(
    readonly kind: "notFound" | "forbidden" | "conflict" | "invalid",
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const notFound = () => new DomainError("notFound", "not found");
