import "server-only";
import { notFound } from "next/navigation";
import { DomainError } from "../errors/domain-error";

/**
 * Runs a page's domain read; absent and out of reach both become the not-found page, so ids
 * cannot be probed. Any other error goes on to the error page with its reference.
 */
export async function pageOrNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof DomainError && error.kind === "notFound") notFound();
    throw error;
  }
}
