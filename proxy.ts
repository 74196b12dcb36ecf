import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "./lib/security/csp";
import { originSettings } from "./lib/http/same-origin";
import { ACTION_BODY_LIMIT, isActionCall, requestRefusal, type Refusal } from "./lib/security/request-hygiene";
import { actionReplyRefusal } from "./lib/security/action-reply";

/**
 * Response headers that depend on the request: the CSP nonce, and HSTS when served over HTTPS;
 * and requests that could only make the server throw are answered here with a 4xx
 * (lib/security/request-hygiene.ts, lib/security/action-reply.ts). Who may see or do what is
 * decided in the domain functions, never here (docs/conventions.md, "Layers").
 */
export async function proxy(request: NextRequest) {
  const refusal = requestRefusal(request, originSettings()) ?? (isActionCall(request) ? await actionBodyRefusal(request) : null);
  if (refusal) return NextResponse.json({ error: refusal.error }, { status: refusal.status, headers: { "Cache-Control": "no-store" } });
  const nonce = newNonce();
  const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const policy = contentSecurityPolicy(nonce, { https, development: process.env.NODE_ENV === "development" });

  // Next.js reads the nonce from the request's CSP header while rendering.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

/**
 * Reads the body of an action call (Next keeps a copy for the action itself). A body sent in
 * chunks has no Content-Length to refuse it by, so its size is checked here once read.
 */
async function actionBodyRefusal(request: NextRequest): Promise<Refusal | null> {
  const body = new Uint8Array(await request.arrayBuffer());
  if (body.byteLength > ACTION_BODY_LIMIT) return { status: 413, error: "tooLarge" };
  return actionReplyRefusal(request.headers.get("content-type"), body);
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
