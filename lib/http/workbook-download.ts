import { DomainError } from "../errors/domain-error";
import { reportUnexpected } from "../errors/report-unexpected";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A JSON refusal that no cache keeps. */
export const refusal = (status: number, body: Record<string, unknown>) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * A workbook sent as a download, never cached, never sniffed as anything else. What is out of the
 * user's reach reads as absent (404); anything unexpected is logged under a reference (500).
 */
export async function workbookDownload(
  label: string,
  produce: () => Promise<{ bytes: Uint8Array<ArrayBuffer>; fileName: string }>,
): Promise<Response> {
  try {
    const file = await produce();
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
      return refusal(404, { error: "notFound" });
    return refusal(500, { error: "unexpected", reference: reportUnexpected(error, label) });
  }
}
