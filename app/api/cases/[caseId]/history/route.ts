import { historyExportResponse } from "@/lib/exports/export-response";
import { CaseExportRequest } from "@/lib/validation/export";

/** One case's full history as a download (CSV, JSON or PDF). The case comes from the address only. */
export async function POST(request: Request, { params }: { params: Promise<{ caseId: string }> }): Promise<Response> {
  const { caseId } = await params;
  return historyExportResponse(request, CaseExportRequest, () => ({ caseId }));
}
