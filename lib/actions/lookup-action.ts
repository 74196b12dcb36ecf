import "server-only";
import type { z } from "zod";
import { requireUser, type CurrentUser } from "../auth/current-user";

/**
 * Everything a lookup action is, as data: a read called from a component with a JSON argument,
 * which changes nothing, so it has no page to revalidate and no form state to answer with.
 */
export type LookupActionSpec<S extends z.ZodType, R, F> = {
  schema: S;
  /** The one domain read: it authorizes, scopes and audits the lookup. */
  run: (user: CurrentUser, input: z.infer<S>) => Promise<R>;
  /** The answer to an argument the schema refuses. */
  unparsed: F;
  /** The answer to a failed read, or null to let the error reach the error page. */
  failed: (error: unknown) => F | null;
};

/** The one shape of every lookup action: `export const verbNounAction = lookupAction({ ... })`. */
export function lookupAction<S extends z.ZodType, R, F>(spec: LookupActionSpec<S, R, F>) {
  return async function action(argument: unknown): Promise<R | F> {
    // An action is a public endpoint: the caller is read on every call.
    const user = await requireUser();
    const parsed = spec.schema.safeParse(argument);
    if (!parsed.success) return spec.unparsed;
    try {
      return await spec.run(user, parsed.data);
    } catch (error) {
      const answer = spec.failed(error);
      if (answer === null) throw error;
      return answer;
    }
  };
}
