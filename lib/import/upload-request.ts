import "server-only";
import { getCurrentUser, type CurrentUser } from "../auth/current-user";
import { DomainError } from "../errors/domain-error";
import { reportUnexpected } from "../errors/report-unexpected";
import { isSameOrigin } from "../http/same-origin";
import { uploadedFileName } from "../validation/import";
import { ImportMappedUpload } from "./mapping-input";
import { MAX_FILE_BYTES } from "./limits";
import type { ImportMapping } from "./mapping";

/**
 * What the import's route handlers share: the same origin, a signed-in user who owes nothing,
 * a body no larger than a file may be (refused by its stated length before it is read), the
 * multipart form parsed by zod, and every refusal a JSON error, never a 500 for bad input.
 * Multipart because a spreadsheet may be 10 MB and server-action bodies stop at 1 MB
 * (docs/decisions/015).
 */
export type MappedUpload = { name: string; bytes: Uint8Array; mapping?: ImportMapping; mappingId?: string };

const answer = (status: number, body: unknown) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function handleMappedUpload(
  request: Request,
  name: string,
  run: (user: CurrentUser, upload: MappedUpload) => Promise<unknown>,
): Promise<Response> {
  if (!isSameOrigin(request)) return answer(403, { error: "origin" });
  const user = await getCurrentUser();
  if (!user || user.secondFactorPending || user.mustChangePassword || user.secondFactorMissing) return answer(401, { error: "signIn" });
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(length) && length > MAX_FILE_BYTES) return answer(413, { error: "tooLarge", limit: MAX_FILE_BYTES });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return answer(400, { error: "invalid", fields: { file: "invalid" } });
  }
  const parsed = ImportMappedUpload.safeParse({ file: form.get("file"), mapping: form.get("mapping"), mappingId: form.get("mappingId") });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "file");
    return answer(400, { error: "invalid", fields: { [field]: field === "file" ? "required" : "invalid" } });
  }
  try {
    const { file, mapping, mappingId } = parsed.data;
    const bytes = new Uint8Array(await file.arrayBuffer());
    return answer(200, await run(user, { name: uploadedFileName(file.name), bytes, mapping, mappingId }));
  } catch (error) {
    if (error instanceof DomainError && (error.kind === "notFound" || error.kind === "forbidden"))
      return answer(404, { error: "notFound" });
    return answer(500, { error: "unexpected", reference: reportUnexpected(error, name) });
  }
}
