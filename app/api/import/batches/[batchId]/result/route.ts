import { getCurrentUser } from "@/lib/auth/current-user";
import { refusal, workbookDownload } from "@/lib/http/workbook-download";
import { importResultFile } from "@/lib/import/import-batches";
import { ImportResultRequest } from "@/lib/validation/import";

/**
 * A batch's result workbook (`?lang=ru`): every row of the file and what it became. Who may have
 * it is decided by importResultFile through the batch's scope; out of reach reads as absent.
 */
export async function GET(request: Request, { params }: { params: Promise<{ batchId: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.secondFactorPending || user.mustChangePassword || user.secondFactorMissing) return refusal(401, { error: "signIn" });
  const parsed = ImportResultRequest.safeParse({
    batchId: (await params).batchId,
    lang: new URL(request.url).searchParams.get("lang") ?? undefined,
  });
  if (!parsed.success) return refusal(400, { error: "invalid" });
  return workbookDownload("importResult", () => importResultFile(user, parsed.data.batchId, parsed.data.lang));
}
