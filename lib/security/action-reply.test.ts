import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { actionReplyRefusal, MAX_ARGUMENT_DEPTH } from "./action-reply";

// The encoder the app's pages use to call a server action, so the positive cases are real bodies.
const { encodeReply } = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown[]) => Promise<FormData | string>;
};

type Body = { contentType: string; body: Uint8Array<ArrayBuffer> };

async function bodyOf(payload: FormData | string): Promise<Body> {
  const response = new Response(payload, typeof payload === "string" ? { headers: { "content-type": "text/plain;charset=UTF-8" } } : {});
  return { contentType: response.headers.get("content-type") ?? "", body: new Uint8Array(await response.arrayBuffer()) };
}

const text = (payload: string | Uint8Array<ArrayBuffer>): Body => ({
  contentType: "text/plain;charset=UTF-8",
  body: typeof payload === "string" ? new TextEncoder().encode(payload) : payload,
});

function parts(...entries: [string, string][]): Promise<Body> {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return bodyOf(form);
}

const refusalOf = ({ contentType, body }: Body) => actionReplyRefusal(contentType, body);

describe("actionReplyRefusal", () => {
  it("lets through what the app's pages send: a form with its previous state, and plain values of every kind", async () => {
    const form = new FormData();
    form.set("familyName", "Иванов");
    form.set("note", "$ and $$ typed by a person");
    const previous = { ok: false, fieldErrors: { familyName: ["required"] }, message: null, values: { note: "$1" } };
    expect(await refusalOf(await bodyOf(await encodeReply([previous, form])))).toBeNull();
    const plain = [
      "text",
      42,
      -0,
      null,
      undefined,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      new Date("2026-12-04T00:00:00Z"),
      10n,
      "$K1",
      { nested: [["deep"]] },
    ];
    expect(await refusalOf(await bodyOf(await encodeReply(plain)))).toBeNull();
    expect(await refusalOf(await bodyOf(await encodeReply([])))).toBeNull();
  });

  it("refuses a body the decoder could not read: broken JSON, invalid UTF-8, an empty body, a root that is not a list of arguments", async () => {
    for (const body of ['{"broken', '["$K1"', "", "5", '"x"', '{"a":1}'])
      expect(await refusalOf(text(body)), body).toEqual({ status: 400, error: "invalid" });
    expect(await refusalOf(text(new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d])))).toEqual({ status: 400, error: "invalid" });
  });

  it("refuses a reference to a part that is missing or comes later, and markers the pages never send", async () => {
    for (const marker of ["$1", "$@1", "$Q1", "$W1", "$h1", "$T", "$B1", "$i1", "$R1", "$nxyz", "$K", "$Kz", "$Z"]) {
      expect(await refusalOf(text(JSON.stringify([marker]))), marker).toEqual({ status: 400, error: "invalid" });
    }
    expect(await refusalOf(await parts(["0", '["$1"]'], ["1", '"later"']))).toEqual({ status: 400, error: "invalid" });
    expect(await refusalOf(await parts(["1", '"earlier"'], ["0", '["$1"]']))).toBeNull();
  });

  it("refuses a multipart body without its root, with a part that is not JSON, or with no readable boundary", async () => {
    expect(await refusalOf(await parts(["1_familyName", "x"]))).toEqual({ status: 400, error: "invalid" });
    expect(await refusalOf(await parts(["0", '{"broken']))).toEqual({ status: 400, error: "invalid" });
    expect(await refusalOf(await parts(["1", '{"x'], ["0", '["$1"]']))).toEqual({ status: 400, error: "invalid" });
    expect(await refusalOf(await parts(["0", '{"a":1}']))).toEqual({ status: 400, error: "invalid" });
    const garbage = new TextEncoder().encode('--other\r\nContent-Disposition: form-data; name="0"\r\n\r\n[]\r\n--other--');
    expect(await actionReplyRefusal("multipart/form-data; boundary=expected", garbage)).toEqual({ status: 400, error: "invalid" });
    expect(await actionReplyRefusal("multipart/form-data", garbage)).toEqual({ status: 400, error: "invalid" });
  });

  it("refuses nesting deeper than any form sends, without exhausting the stack", async () => {
    expect(await refusalOf(text("[".repeat(MAX_ARGUMENT_DEPTH) + "]".repeat(MAX_ARGUMENT_DEPTH)))).toBeNull();
    expect(await refusalOf(text("[".repeat(MAX_ARGUMENT_DEPTH + 1) + "]".repeat(MAX_ARGUMENT_DEPTH + 1)))).toEqual({
      status: 400,
      error: "invalid",
    });
    expect(await refusalOf(text("[".repeat(200_000) + "]".repeat(200_000)))).toEqual({ status: 400, error: "invalid" });
  });

  it("answers a body in any other encoding with 415", async () => {
    for (const type of ["application/json", "application/x-www-form-urlencoded", null]) {
      expect(await actionReplyRefusal(type, new TextEncoder().encode("[]")), String(type)).toEqual({
        status: 415,
        error: "unsupportedType",
      });
    }
  });
});
