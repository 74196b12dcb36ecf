import { env } from "../env";

/**
 * A state-changing or data-releasing POST must come from the app's own pages. Browsers send
 * Origin on every cross-site POST, so a missing or foreign Origin is refused: another site
 * cannot make a signed-in user's browser fetch an export or call an action.
 *
 * The app's own origin (docs/decisions/008-origin-from-the-request.md): NEXTAUTH_URL when set,
 * the one address the app is published at; else the address this request was sent to, so the
 * app works at whatever name or address reaches it. The browser writes both Origin and Host, and
 * a page of another site cannot make them agree. X-Forwarded-Host and -Proto are believed only
 * behind a trusted proxy: a client that reaches the app directly could write them.
 */
export type OriginSettings = { publicUrl: string | undefined; trustedProxies: number };

type HeaderSource = { get: (name: string) => string | null };

// A proxy that appends rather than replaces puts its own entry last.
function lastEntry(value: string | null): string | null {
  const entry = value?.split(",").at(-1)?.trim();
  return entry ? entry : null;
}

/** The origin the app answers at for this request, or null when the request names none. */
export function appOrigin(headers: HeaderSource, settings: OriginSettings): string | null {
  try {
    if (settings.publicUrl) return new URL(settings.publicUrl).origin;
    const proxied = settings.trustedProxies > 0;
    const host = (proxied ? lastEntry(headers.get("x-forwarded-host")) : null) ?? headers.get("host");
    if (!host) return null;
    // The app's own front speaks plain HTTP; only a trusted proxy can say the client used TLS.
    const scheme = proxied && lastEntry(headers.get("x-forwarded-proto")) === "https" ? "https" : "http";
    const origin = new URL(`${scheme}://${host}`);
    // A Host carrying more than a name and port (credentials, a path) names no origin.
    return origin.host === host.toLowerCase() ? origin.origin : null;
  } catch {
    return null;
  }
}

export function isAllowedOrigin(origin: string | null, headers: HeaderSource, settings: OriginSettings): boolean {
  if (!origin || origin === "null") return false;
  const expected = appOrigin(headers, settings);
  return expected !== null && origin === expected;
}

export function originSettings(): OriginSettings {
  const settings = env();
  return { publicUrl: settings.NEXTAUTH_URL, trustedProxies: settings.TRUSTED_PROXY_COUNT };
}

export function isSameOrigin(request: Request): boolean {
  return isAllowedOrigin(request.headers.get("origin"), request.headers, originSettings());
}
