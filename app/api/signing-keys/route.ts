import { reportUnexpected } from "@/lib/errors/report-unexpected";
import { publishedSigningKeys } from "@/lib/signing/key-store";

/**
 * The public halves of every key that ever signed an export or a checkpoint, with their validity
 * periods, for verifiers outside the app (docs/audit-chain.md). Public by design: it holds no
 * private key, reads nothing from the database and takes no input.
 */
export function GET(): Response {
  try {
    // Not cached: a rotation must show at once, or a verifier would miss the new key.
    return Response.json(publishedSigningKeys(), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return Response.json(
      { error: "unexpected", reference: reportUnexpected(error, "signingKeys") },
      { status: 500, headers: { "Cache-Control": "no-store" } },
    );
  }
}
