/**
 * The client's address for the sign-in throttle, sessions and the audit log.
 *
 * X-Forwarded-For is written by whoever sent the request, so only entries appended by hops we run
 * can be believed. The app's own HTTP front (scripts/serve.ts) always appends the address of the
 * connection it accepted, so the last entry is always ours; each of the TRUSTED_PROXY_COUNT
 * reverse proxies in front of it appended the address it saw before that. The client's address
 * is therefore the entry that many places left of the last one. With no proxy (0, the default)
 * it is the connection's own address and nothing a client writes is believed.
 */
export function clientAddress(forwardedFor: string | null, trustedProxies: number): string | null {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  // Fewer entries than hops we run: the earliest one there is, which one of them appended.
  const address = hops[Math.max(0, hops.length - 1 - trustedProxies)]!;
  return address.slice(0, 64);
}

/** A connection's address as the app records it: IPv4 clients of a dual-stack socket without the "::ffff:" prefix. */
export function peerAddress(remoteAddress: string | undefined): string | null {
  if (!remoteAddress) return null;
  return remoteAddress.startsWith("::ffff:") && remoteAddress.includes(".") ? remoteAddress.slice(7) : remoteAddress;
}

/** X-Forwarded-For with the connection's own address appended, as a reverse proxy would append it. */
export function appendPeer(forwardedFor: string | string[] | undefined, remoteAddress: string | undefined): string {
  const earlier = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "")).trim();
  const peer = peerAddress(remoteAddress) ?? "unknown";
  return earlier ? `${earlier}, ${peer}` : peer;
}

/** For the start-up log: where client addresses come from under this setting. */
export function describeAddressSource(trustedProxies: number): string {
  return trustedProxies === 0
    ? "client address: the connection's own (TRUSTED_PROXY_COUNT=0, no reverse proxy; X-Forwarded-For from clients is ignored)"
    : `client address: X-Forwarded-For as appended by ${trustedProxies} trusted reverse ${trustedProxies === 1 ? "proxy" : "proxies"} (TRUSTED_PROXY_COUNT=${trustedProxies}); the app's port must be reachable only through ${trustedProxies === 1 ? "it" : "them"}`;
}
