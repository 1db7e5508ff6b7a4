import Sign from "tencentcloud-sdk-nodejs-common/tencentcloud/common/sign";
import { describe, expect, it } from "vitest";

import { verifyTc3 } from "@/emulator/src/cloud-sign";

// Tencent's worked example from "Signature v3" (API 3.0, TC3-HMAC-SHA256): CVM DescribeInstances in
// ap-guangzhou at X-TC-Timestamp 1551113065 with the page's example key pair. The page prints the
// resulting Authorization header; the SDK the client uses must produce exactly that, and the
// emulator's independent check must accept it and refuse any change.

const DOC = {
  secretId: "AKID**********************0123456789EXAMPLE",
  secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
  timestamp: 1551113065,
  payload:
    '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  authorization:
    "TC3-HMAC-SHA256 Credential=AKID**********************0123456789EXAMPLE/2019-02-25/cvm/tc3_request, " +
    "SignedHeaders=content-type;host, " +
    "Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168",
};

function sdkSign(overrides: { secretKey?: string; timestamp?: number; payload?: string } = {}) {
  return Sign.sign3({
    method: "POST",
    url: "https://cvm.tencentcloudapi.com/",
    payload: Buffer.from(overrides.payload ?? DOC.payload),
    timestamp: overrides.timestamp ?? DOC.timestamp,
    service: "cvm",
    secretId: DOC.secretId,
    secretKey: overrides.secretKey ?? DOC.secretKey,
    multipart: false,
    boundary: "",
    headers: { "Content-Type": "application/json; charset=utf-8" },
  });
}

function emulatorCheck(authorization: string, body = DOC.payload, nowS = DOC.timestamp + 10) {
  return verifyTc3({
    method: "POST",
    path: "/",
    query: "",
    headers: {
      authorization,
      "content-type": "application/json; charset=utf-8",
      host: "cvm.tencentcloudapi.com",
      "x-tc-timestamp": String(DOC.timestamp),
    },
    body: Buffer.from(body),
    service: "cvm",
    secretKeyOf: (id) => (id === DOC.secretId ? DOC.secretKey : undefined),
    nowS,
  });
}

describe("TC3-HMAC-SHA256 against Tencent's documented example", () => {
  it("the SDK signs the example to the documented Authorization header, byte for byte", () => {
    expect(sdkSign()).toBe(DOC.authorization);
  });

  it("another key, time or body gives another signature", () => {
    expect(sdkSign({ secretKey: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLF" })).not.toBe(DOC.authorization);
    expect(sdkSign({ timestamp: DOC.timestamp + 1 })).not.toBe(DOC.authorization);
    expect(sdkSign({ payload: DOC.payload.replace("1", "2") })).not.toBe(DOC.authorization);
  });

  it("the emulator's own verifier accepts the documented header", () => {
    expect(emulatorCheck(DOC.authorization)).toEqual({ ok: true, secretId: DOC.secretId });
  });

  it("the emulator refuses a changed body, signature, stale time or unknown key", () => {
    expect(emulatorCheck(DOC.authorization, DOC.payload.replace("1", "2"))).toMatchObject({
      ok: false,
      code: "AuthFailure.SignatureFailure",
    });
    expect(emulatorCheck(DOC.authorization.replace("72e4", "72e5"))).toMatchObject({
      code: "AuthFailure.SignatureFailure",
    });
    expect(emulatorCheck(DOC.authorization, DOC.payload, DOC.timestamp + 301)).toMatchObject({
      code: "AuthFailure.SignatureExpire",
    });
    expect(emulatorCheck(DOC.authorization.replace("AKID*", "AKIX*"))).toMatchObject({
      code: "AuthFailure.SecretIdNotFound",
    });
    expect(emulatorCheck("Bearer x")).toMatchObject({ code: "AuthFailure.InvalidAuthorization" });
  });
});
