import { getCurrentUser } from "@/lib/auth/current-user";
import { DomainError } from "@/lib/errors/domain-error";
import { reportUnexpected } from "@/lib/errors/report-unexpected";
import { isSameOrigin } from "@/lib/http/same-origin";
import { MAX_FILE_BYTES } from "@/lib/import/limits";
import { previewPersonsImport } from "@/lib/import/preview-persons";
import { ImportUpload, uploadedFileName } from "@/lib/validation/import";

const problem = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * The persons preview of an uploaded file (multipart, field `file`). A route handler rather than
 * a server action: action bodies stop at 1 MB (docs/decisions/015), a spreadsheet may be 10 MB.
 * The whole request may be at most MAX_FILE_BYTES, refused by its stated length before it is
 * read; Next hands a route no more than that of a body sent without one, which then fails to
 * parse and is refused as invalid. Nothing is written but the preview's audit events.
 */
export async function POST(request: Request): Promise<Response> {
  if (!isSameOrigin(request)) return problem(403, { error: "origin" });
  const user = await getCurrentUser();
  if (!user || user.secondFactorPending || user.mustChangePassword || user.secondFactorMissing) return problem(401, { error: "signIn" });
  const length = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(length) && length > MAX_FILE_BYTES) return problem(413, { error: "tooLarge", limit: MAX_FILE_BYTES });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return problem(400, { error: "invalid", fields: { file: "invalid" } });
  }
  const parsed = ImportUpload.safeParse({ file: form.get("file") });
  if (!parsed.success) return problem(400, { error: "invalid", fields: { file: "required" } });
  try {
    const bytes = new Uint8Array(await parsed.data.file.arrayBuffer());
    const preview = await previewPersonsImport(user, { name: uploadedFileName(parsed.data.file.name), bytes });
    return Response.json(preview, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof DomainError && (error.kind === "notFound" || error.kind === "forbidden"))
      return problem(404, { error: "notFound" });
    return problem(500, { error: "unexpected", reference: reportUnexpected(error, "importPreview") });
  }
}
