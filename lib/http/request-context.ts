import "server-only";
import { headers } from "next/headers";
import { clientAddress } from "./client-address";

/** Where a server action's request came from, for the audit log and the sign-in throttle. */
export async function requestContext(): Promise<{ ipAddress: string | null; userAgent: string | null }> {
  const h = await headers();
  return { ipAddress: clientAddress(h.get("x-forwarded-for"), h.get("x-real-ip")), userAgent: h.get("user-agent")?.slice(0, 512) ?? null };
}
