import { describe, expect, it } from "vitest";
import { isAllowedOrigin, type OriginSettings } from "./same-origin";

const UNSET: OriginSettings = { publicUrl: undefined, trustedProxies: 0 };
const PROXIED: OriginSettings = { publicUrl: undefined, trustedProxies: 1 };
const PUBLISHED: OriginSettings = { publicUrl: "http://localhost:3000", trustedProxies: 0 };

type Row = [title: string, origin: string | null, headers: Record<string, string>, settings: OriginSettings, allowed: boolean];

const ROWS: Row[] = [
  ["unset: the address typed, 127.0.0.1, is the app's own", "http://127.0.0.1:3000", { host: "127.0.0.1:3000" }, UNSET, true],
  ["unset: the machine's network name is the app's own", "http://zhusan-pc:3000", { host: "zhusan-pc:3000" }, UNSET, true],
  ["unset: another site is refused", "http://evil.example", { host: "127.0.0.1:3000" }, UNSET, false],
  ["unset: the same host on another port is another origin", "http://127.0.0.1:4000", { host: "127.0.0.1:3000" }, UNSET, false],
  ["unset: https claimed with no trusted proxy is refused", "https://127.0.0.1:3000", { host: "127.0.0.1:3000" }, UNSET, false],
  ["unset: no Origin is refused", null, { host: "127.0.0.1:3000" }, UNSET, false],
  ["unset: Origin null (a sandboxed or no-referrer page) is refused", "null", { host: "127.0.0.1:3000" }, UNSET, false],
  ["unset: no Host names no origin", "http://127.0.0.1:3000", {}, UNSET, false],
  ["unset: a Host with credentials names no origin", "http://evil.example", { host: "x@evil.example" }, UNSET, false],
  [
    "unset, no proxy: X-Forwarded-Host is the client's word and ignored",
    "http://evil.example",
    { host: "127.0.0.1:3000", "x-forwarded-host": "evil.example" },
    UNSET,
    false,
  ],
  [
    "unset, trusted proxy: its host and scheme are the app's",
    "https://zhusan.gov.example",
    { host: "10.0.0.5:3000", "x-forwarded-host": "zhusan.gov.example", "x-forwarded-proto": "https" },
    PROXIED,
    true,
  ],
  [
    "unset, trusted proxy: the proxy's entry is the last one",
    "https://zhusan.gov.example",
    { host: "10.0.0.5:3000", "x-forwarded-host": "evil.example, zhusan.gov.example", "x-forwarded-proto": "https" },
    PROXIED,
    true,
  ],
  [
    "unset, trusted proxy: another site is refused",
    "https://evil.example",
    { host: "10.0.0.5:3000", "x-forwarded-host": "zhusan.gov.example", "x-forwarded-proto": "https" },
    PROXIED,
    false,
  ],
  ["set: NEXTAUTH_URL's own origin is allowed", "http://localhost:3000", { host: "localhost:3000" }, PUBLISHED, true],
  ["set: another address of the same machine is refused", "http://127.0.0.1:3000", { host: "127.0.0.1:3000" }, PUBLISHED, false],
  ["set: another site naming itself in Host is refused", "http://evil.example", { host: "evil.example" }, PUBLISHED, false],
];

describe("the origin rule", () => {
  it.each(ROWS)("%s", (_title, origin, headers, settings, allowed) => {
    expect(isAllowedOrigin(origin, new Headers(headers), settings)).toBe(allowed);
  });
});
