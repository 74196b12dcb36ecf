import { historyExportResponse } from "@/lib/exports/export-response";
import { SetExportRequest } from "@/lib/validation/export";

/** The histories of the cases the registry's filters select, within the caller's scope. */
export async function POST(request: Request): Promise<Response> {
  return historyExportResponse(request, SetExportRequest, ({ format: _format, profile: _profile, reason: _reason, ...filters }) => ({
    filters,
  }));
}
