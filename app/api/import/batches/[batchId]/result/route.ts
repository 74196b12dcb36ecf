import { getCurrentUser } from "@/lib/auth/current-user";
import { DomainError } from "@/lib/errors/domain-error";
import { reportUnexpected } from "@/lib/errors/report-unexpected";
import { importResultFile } from "@/lib/import/import-batches";
import { ImportResultRequest } from "@/lib/validation/import";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const problem = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * A batch's result workbook (`?lang=ru`): every row of the file and what it became. Who may have
 * it is decided by importResultFile through the batch's scope; out of reach reads as absent.
 */
export async function GET(request: Request, { params }: { params: Promise<{ batchId: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  if (!user || user.secondFactorPending || user.mustChangePassword || user.secondFactorMissing) return problem(401, { error: "signIn" });
  const parsed = ImportResultRequest.safeParse({
    batchId: (await params).batchId,
    lang: new URL(request.url).searchParams.get("lang") ?? undefined,
  });
  if (!parsed.success) return problem(400, { error: "invalid" });
  try {
    const file = await importResultFile(user, parsed.data.batchId, parsed.data.lang);
    return new Response(new Blob([file.bytes], { type: XLSX }), {
      headers: {
        "Content-Type": XLSX,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof DomainError && (error.kind === "notFound" || error.kind === "forbidden"))
      return problem(404, { error: "notFound" });
    return problem(500, { error: "unexpected", reference: reportUnexpected(error, "importResult") });
  }
}
