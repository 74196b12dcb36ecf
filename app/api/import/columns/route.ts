import { proposeMapping } from "@/lib/import/propose-mapping";
import { handleMappedUpload } from "@/lib/import/upload-request";

/**
 * The mapping step before the preview (multipart: `file`, optionally the person's `mapping` as
 * JSON or a saved mapping's `mappingId`): the file's columns with the field each fills, the
 * enumerated values left to map and the names that cannot be split. Reads no case and writes nothing.
 */
export async function POST(request: Request): Promise<Response> {
  return handleMappedUpload(request, "importColumns", (user, upload) =>
    proposeMapping(user, upload.bytes, { mapping: upload.mapping, mappingId: upload.mappingId }),
  );
}
