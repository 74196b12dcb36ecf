import { getCurrentUser } from "@/lib/auth/current-user";
import { downloadCheckpoint } from "@/lib/auditing/checkpoint-download";
import { DomainError } from "@/lib/errors/domain-error";
import { reportUnexpected } from "@/lib/errors/report-unexpected";
import { backpressuredStream } from "@/lib/http/backpressured-stream";
import { isSameOrigin } from "@/lib/http/same-origin";

const problem = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * A signed checkpoint of every chain's head as a download, for auditors (docs/audit-chain.md,
 * "Checkpoints"). POST from the app's own pages only: the download writes an audit event. Takes
 * no input; the policy inside downloadCheckpoint decides who may have it.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return problem(403, { error: "origin" });
  const user = await getCurrentUser();
  if (!user || user.secondFactorPending || user.mustChangePassword || user.secondFactorMissing) return problem(401, { error: "signIn" });
  // The refusal must be an answer, not a broken download: the first byte waits for the check.
  let started!: () => void;
  const allowed = new Promise<void>((resolve) => (started = resolve));
  let failure: unknown = null;
  const body = backpressuredStream(async (write) => {
    try {
      await downloadCheckpoint(user, async (text) => {
        started();
        await write(text);
      });
    } catch (error) {
      failure = error;
      started();
      throw error;
    }
  });
  await allowed;
  if (failure instanceof DomainError && (failure.kind === "notFound" || failure.kind === "forbidden"))
    return problem(404, { error: "notFound" });
  if (failure) return problem(500, { error: "unexpected", reference: reportUnexpected(failure, "auditCheckpoint") });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="zhusan-checkpoint-${stamp}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
