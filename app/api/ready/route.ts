import { getDb } from "@/lib/db/client";
import { checkReadiness } from "@/lib/health/readiness";

/**
 * Readiness for a load balancer: 200 when the database answers and no migration is pending, else
 * 503 with one word saying which. Public by design: it takes no input, needs no session and tells
 * nothing beyond that word (lib/health/readiness.ts).
 */
export async function GET(): Promise<Response> {
  const readiness = await checkReadiness(getDb());
  return Response.json({ status: readiness }, { status: readiness === "ready" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
