import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSignatureHeader, signCallback, verifyCallbackSignature } from "./callback-signature.ts";

const SECRET = "whsec_test0000000000000000000000000000000000";
const BODY = '{"id":"evt_1","type":"enrich.job_completed","data":{"ok":true,"name":"Zoë"}}';
const T = 1_800_000_000;

describe("callback signatures", () => {
  it("is HMAC-SHA256 over `<t>.<body>`, the same as any other HMAC implementation computes", async () => {
    const expected = createHmac("sha256", SECRET).update(`${T}.${BODY}`, "utf8").digest("hex");
    expect(await signCallback(SECRET, BODY, T)).toBe(`t=${T},v1=${expected}`);
  });

  it("verifies its own signature inside the tolerance", async () => {
    const header = await signCallback(SECRET, BODY, T);
    expect(await verifyCallbackSignature(SECRET, header, BODY, 300, T + 299)).toBe(true);
    expect(await verifyCallbackSignature(SECRET, header, BODY, 300, T - 299)).toBe(true);
  });

  it("refuses a stale or future timestamp, another secret, another body, a missing header", async () => {
    const header = await signCallback(SECRET, BODY, T);
    expect(await verifyCallbackSignature(SECRET, header, BODY, 300, T + 301)).toBe(false);
    expect(await verifyCallbackSignature(SECRET, header, BODY, 300, T - 301)).toBe(false);
    expect(await verifyCallbackSignature(`${SECRET}x`, header, BODY, 300, T)).toBe(false);
    expect(await verifyCallbackSignature(SECRET, header, `${BODY} `, 300, T)).toBe(false);
    expect(await verifyCallbackSignature(SECRET, null, BODY, 300, T)).toBe(false);
    expect(await verifyCallbackSignature(SECRET, "", BODY, 300, T)).toBe(false);
  });

  it("refuses a signature moved to another timestamp", async () => {
    const header = await signCallback(SECRET, BODY, T);
    const moved = header.replace(`t=${T}`, `t=${T + 10}`);
    expect(await verifyCallbackSignature(SECRET, moved, BODY, 300, T)).toBe(false);
  });

  it("accepts any matching v1 among several (secret rollover) and ignores unknown schemes", async () => {
    const good = (await signCallback(SECRET, BODY, T)).split("v1=")[1];
    const header = `t=${T},v0=abc,v1=${"0".repeat(64)},v1=${good}`;
    expect(await verifyCallbackSignature(SECRET, header, BODY, 300, T)).toBe(true);
    expect(parseSignatureHeader(header)).toEqual({ timestampSec: T, signatures: ["0".repeat(64), good] });
  });

  it.each(["t=abc,v1=00", "v1=" + "0".repeat(64), `t=${T}`, `t=${T},v1=XYZ`, "garbage"])("does not parse %s", (header) => {
    expect(parseSignatureHeader(header)).toBeNull();
  });
});
