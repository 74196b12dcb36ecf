import { describe, expect, it } from "vitest";
import type { OriginSettings } from "../http/same-origin";
import { ACTION_BODY_LIMIT, requestRefusal as refusalUnder } from "./request-hygiene";

const NO_PUBLIC_URL: OriginSettings = { publicUrl: undefined, trustedProxies: 0 };
const requestRefusal = (request: Parameters<typeof refusalUnder>[0], settings: OriginSettings = NO_PUBLIC_URL) =>
  refusalUnder(request, settings);

const action = (headers: Record<string, string>, url = "http://app.internal:3000/cases/x") => ({
  method: "POST",
  url,
  headers: new Headers({ "next-action": "abc", host: "app.internal:3000", ...headers }),
});

describe("requestRefusal", () => {
  it("refuses a NUL byte anywhere in the query, and nothing else about a plain page request", () => {
    expect(requestRefusal({ method: "GET", url: "http://app.internal:3000/audit?actor=a%00b", headers: new Headers() })).toEqual({
      status: 400,
      error: "invalid",
    });
    expect(requestRefusal({ method: "GET", url: "http://app.internal:3000/cases?q=%2500", headers: new Headers() })).toBeNull();
    expect(requestRefusal({ method: "GET", url: "http://app.internal:3000/audit?actor=ab", headers: new Headers() })).toBeNull();
  });

  it("lets an action call from the page's own origin through", () => {
    expect(requestRefusal(action({ origin: "http://app.internal:3000", "content-length": "2000" }))).toBeNull();
  });

  it("refuses an action call from a foreign, missing or unreadable Origin", () => {
    expect(requestRefusal(action({ origin: "http://evil.example" }))).toEqual({ status: 403, error: "origin" });
    expect(requestRefusal(action({}))).toEqual({ status: 403, error: "origin" });
    expect(requestRefusal(action({ origin: "null" }))).toEqual({ status: 403, error: "origin" });
  });

  it("believes the host a client addressed through a proxy only when a proxy is trusted", () => {
    const proxied = action({
      origin: "https://zhusan.gov.example",
      "x-forwarded-host": "zhusan.gov.example",
      "x-forwarded-proto": "https",
    });
    expect(requestRefusal(proxied, { publicUrl: undefined, trustedProxies: 1 })).toBeNull();
    expect(requestRefusal(proxied, NO_PUBLIC_URL)).toEqual({ status: 403, error: "origin" });
  });

  it("with NEXTAUTH_URL set, takes that address alone as the app's origin", () => {
    const published: OriginSettings = { publicUrl: "https://zhusan.gov.example", trustedProxies: 0 };
    expect(requestRefusal(action({ origin: "https://zhusan.gov.example" }), published)).toBeNull();
    expect(requestRefusal(action({ origin: "http://app.internal:3000" }), published)).toEqual({ status: 403, error: "origin" });
  });

  it("refuses an action body over the limit before anyone reads it", () => {
    expect(requestRefusal(action({ origin: "http://app.internal:3000", "content-length": String(ACTION_BODY_LIMIT + 1) }))).toEqual({
      status: 413,
      error: "tooLarge",
    });
  });

  it("leaves POSTs that are not action calls to their route handlers", () => {
    expect(
      requestRefusal({
        method: "POST",
        url: "http://app.internal:3000/api/exports/history",
        headers: new Headers({ origin: "http://evil.example" }),
      }),
    ).toBeNull();
  });
});
