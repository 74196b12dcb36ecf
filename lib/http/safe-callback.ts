/**
 * Where to go after sign-in: the callback resolved the way a browser resolves it, kept only when
 * it stays on this origin, else "/". Testing the string is not enough: a browser drops tabs and
 * line feeds before parsing, so "/\t/evil.example" passes a starts-with-"/" test and then leaves
 * the site. Returns a path (never "//...", which would name another host), or "/" for anything
 * that is not a URL at all. Used by the sign-in page on the server and by its form in the browser.
 */
export function sameOriginPath(callback: string | null | undefined, origin: string): string {
  if (!callback) return "/";
  try {
    const base = new URL(origin);
    const target = new URL(callback, base);
    if (target.origin !== base.origin) return "/";
    return `${target.pathname.replace(/^\/+/, "/")}${target.search}${target.hash}`;
  } catch {
    return "/";
  }
}
