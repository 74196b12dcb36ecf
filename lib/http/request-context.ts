import "server-only";
import { headers } from "next/headers";
import { env } from "../env";
import { clientAddress } from "./client-address";

/** Where a server action's request came from, for the audit log and the sign-in throttle. */
export async function requestContext(): Promise<{ ipAddress: string | null; userAgent: string | null }> {
  const h = await headers();
  return {
    ipAddress: clientAddress(h.get("x-forwarded-for"), env().TRUSTED_PROXY_COUNT),
    userAgent: h.get("user-agent")?.slice(0, 512) ?? null,
  };
}
