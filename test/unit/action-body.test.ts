import { describe, expect, it } from "vitest";
import { checkActionBody } from "@/lib/security/action-body";

const TEXT = "text/plain;charset=UTF-8";

describe("checkActionBody: what React's encodeReply sends passes; what decodeReply would choke on is refused", () => {
  it("accepts the argument lists our forms and client calls send", () => {
    for (const body of [
      "[]",
      '[{"dealId":"0193","stage":"WON"}]',
      '["$undefined",{"a":"$$literal dollar"}]',
      '["$D2026-11-29T10:00:00.000Z","$n12345678901234567890","$NaN","$Infinity","$-Infinity","$-0"]',
      '[1,true,null,"plain text",{"nested":[1,2,{"deep":"ok"}]}]',
    ]) {
      expect(checkActionBody(TEXT, body), body).toEqual({ ok: true });
    }
  });

  it("leaves multipart bodies to Next.js", () => {
    expect(checkActionBody("multipart/form-data; boundary=x", "garbage")).toEqual({ ok: true });
  });

  it("refuses non-JSON, non-arrays, references to other parts and other content types", () => {
    expect(checkActionBody(TEXT, "")).toMatchObject({ ok: false, reason: "not JSON" });
    expect(checkActionBody(TEXT, "{not json")).toMatchObject({ ok: false, reason: "not JSON" });
    expect(checkActionBody(TEXT, '{"a":1}')).toMatchObject({ ok: false, reason: "not an argument list" });
    expect(checkActionBody(TEXT, "42")).toMatchObject({ ok: false });
    for (const ref of ['["$K1"]', '["$@1"]', '[{"x":"$F1"}]', '[["$Q1"]]', '["$B1"]', '["$T"]', '["$h"]']) {
      expect(checkActionBody(TEXT, ref), ref).toMatchObject({ ok: false, reason: "refers to parts a text body cannot have" });
    }
    expect(checkActionBody("application/json", "[]")).toMatchObject({ ok: false, reason: "unsupported content type" });
    expect(checkActionBody("application/x-www-form-urlencoded", "a=1")).toMatchObject({ ok: false });
    expect(checkActionBody(null, "[]")).toMatchObject({ ok: false });
  });

  it("refuses absurd nesting instead of recursing without end", () => {
    expect(checkActionBody(TEXT, "[".repeat(100) + "]".repeat(100))).toMatchObject({ ok: false });
  });
});
