import { isAllowedOrigin, type OriginSettings } from "../http/same-origin";

/**
 * Requests refused before they reach a page or an action, because what they carry could only
 * make the server throw (and log a stack trace) instead of answering: a NUL byte in the query
 * (PostgreSQL text cannot hold one), a server-action call from a foreign or missing Origin
 * (Next refuses it by throwing; the rule is the one route handlers apply, lib/http/same-origin.ts),
 * or an action body over the size Next accepts. Each gets a 4xx with a JSON error. This is input
 * hygiene and cross-site defence, never authorization, which the domain functions decide.
 */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export type Refusal = { status: 400 | 403 | 413 | 415; error: "invalid" | "origin" | "tooLarge" | "unsupportedType" };

type RequestLike = { method: string; url: string; headers: Headers };

/** A server-action call: Next decides by this header alone which requests it decodes as one. */
export function isActionCall(request: RequestLike): boolean {
  return request.method === "POST" && request.headers.has("next-action");
}

export function requestRefusal(request: RequestLike, settings: OriginSettings): Refusal | null {
  const query = new URL(request.url).search;
  if (/%00/i.test(query)) return { status: 400, error: "invalid" };
  if (!isActionCall(request)) return null;
  if (!isAllowedOrigin(request.headers.get("origin"), request.headers, settings)) return { status: 403, error: "origin" };
  const length = Number(request.headers.get("content-length") ?? 0);
  if (Number.isFinite(length) && length > ACTION_BODY_LIMIT) return { status: 413, error: "tooLarge" };
  return null;
}
