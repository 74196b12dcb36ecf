import { previewPersonsImport } from "@/lib/import/preview-persons";
import { loadImportMapping } from "@/lib/import/saved-mappings";
import { handleMappedUpload } from "@/lib/import/upload-request";

/**
 * The persons preview of an uploaded file (multipart: `file`, and the person's `mapping` as JSON
 * or a saved mapping's `mappingId`), run with that mapping; without either, with the suggestions.
 * Nothing is written but the preview's audit events (lib/import/upload-request.ts says what is refused).
 */
export async function POST(request: Request): Promise<Response> {
  return handleMappedUpload(request, "importPreview", async (user, upload) => {
    const mapping = upload.mapping ?? (upload.mappingId ? (await loadImportMapping(user, upload.mappingId)).mapping : undefined);
    return previewPersonsImport(user, { name: upload.name, bytes: upload.bytes }, mapping ? { mapping } : {});
  });
}
