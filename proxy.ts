import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce } from "./lib/security/csp";

/**
 * Response headers that depend on the request: the CSP nonce, and HSTS when served over HTTPS.
 * Headers only: who may see or do what is decided in the domain functions, never here
 * (STYLE.md, "Things we do not do").
 */
export function proxy(request: NextRequest) {
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

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
