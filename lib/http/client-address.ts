/**
 * The client's address for the sign-in throttle and the audit log. X-Forwarded-For is written by
 * whoever sent the request, so only entries added by proxies we run can be believed: with
 * TRUSTED_PROXY_COUNT proxies in front of the app, each appending the address it saw, the entry
 * that many places from the right is the client's. Default 1, one reverse proxy. With no proxy
 * at all the header comes from the client itself and the address is only informative.
 */
export function clientAddress(forwardedFor: string | null, realIp: string | null, trustedProxies = trustedProxyCount()): string | null {
  const hops = (forwardedFor ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  const address = hops.length > 0 ? hops[Math.max(0, hops.length - trustedProxies)] : realIp;
  return address ? address.slice(0, 64) : null;
}

function trustedProxyCount(): number {
  const value = Number(process.env.TRUSTED_PROXY_COUNT ?? "1");
  return Number.isInteger(value) && value >= 1 && value <= 10 ? value : 1;
}
