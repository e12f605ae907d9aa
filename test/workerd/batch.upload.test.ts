import { describe, expect, it } from "vitest";
import { balanceOf, fundedAgent } from "./support/agents.ts";
import { csv, upload, uploadOk } from "./support/batch.ts";
import { call, expectEnvelope } from "./support/http.ts";

// What an upload accepts and refuses. Every refusal is a clear 4xx in the one envelope, holds
// nothing and charges nothing; per-row problems are listed with their line and reason.

const MATCH = "+17242060094";

async function expectUntouched(agent: { auth: Record<string, string> }, usd: number) {
  const balance = await balanceOf(agent.auth);
  expect(balance.virtual_balance_usd).toBeCloseTo(usd);
  expect(balance.held_usd).toBe(0);
}

describe("bad files", () => {
  it("a body that is not CSV is 415; a binary file is CSV_INVALID; nothing is held", async () => {
    const agent = await fundedAgent(5);
    await expectEnvelope(await upload(JSON.stringify({ phone: MATCH }), { headers: agent.auth, contentType: "application/json" }), 415, "UNSUPPORTED_MEDIA_TYPE");
    const binary = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x0a, 0x70, 0x68]);
    const bad = await expectEnvelope(await upload(binary, { headers: agent.auth }), 400, "CSV_INVALID");
    expect(bad.error).toMatchObject({ details: { reason: "not_csv" } });
    await expectUntouched(agent, 5);
  });

  it("a Latin-1 file is refused with the line where it stops being UTF-8", async () => {
    const agent = await fundedAgent(5);
    const latin1 = new Uint8Array([...new TextEncoder().encode(`phone,name\r\n${MATCH},Ana\r\n${MATCH},Jos`), 0xe9, 0x0d, 0x0a]);
    const res = await expectEnvelope(await upload(latin1, { headers: agent.auth }), 400, "CSV_INVALID");
    expect(res.error).toMatchObject({ details: { reason: "not_utf8" } });
    await expectUntouched(agent, 5);
  });

  it("a UTF-8 byte-order mark is dropped: the first column keeps its name", async () => {
    const agent = await fundedAgent(5);
    const accepted = await uploadOk(`\uFEFFPhone,Name\r\n${MATCH},Walter\r\n`, { headers: agent.auth });
    expect(accepted.columns).toEqual(["Phone", "Name"]);
    expect(accepted.estimate.routes).toEqual({ "enrich/phone": 1 });
  });

  it("an empty file, a header-only file and an unclosed quote are CSV_INVALID, each with its reason", async () => {
    const agent = await fundedAgent(5);
    const empty = await expectEnvelope(await upload("", { headers: agent.auth }), 400, "CSV_INVALID");
    expect(empty.error).toMatchObject({ details: { reason: "empty" } });
    const headerOnly = await expectEnvelope(await upload("phone,name\r\n", { headers: agent.auth }), 400, "CSV_INVALID");
    expect(headerOnly.error).toMatchObject({ details: { reason: "header_only" } });
    const quote = await expectEnvelope(await upload(`phone,name\r\n${MATCH},"Walter\r\n`, { headers: agent.auth }), 400, "CSV_INVALID");
    expect(quote.error).toMatchObject({ details: { reason: "unterminated_quote", line: 2 } });
    await expectUntouched(agent, 5);
  });

  it("more than 10,000 rows is 413 with the limit; so is a file over 10 MB", async () => {
    const agent = await fundedAgent(5);
    const rows = Array.from({ length: 10_001 }, (_, i) => [`c${i}`, MATCH]);
    const many = await expectEnvelope(await upload(csv([["contact_id", "phone"], ...rows]), { headers: agent.auth }), 413, "PAYLOAD_TOO_LARGE");
    expect(many.error).toMatchObject({ details: { max_rows: 10_000 } });
    const big = `phone,note\r\n${MATCH},${"x".repeat(10 * 1024 * 1024)}\r\n`;
    await expectEnvelope(await upload(big, { headers: agent.auth }), 413, "PAYLOAD_TOO_LARGE");
    await expectUntouched(agent, 5);
  });

  it("a file where no row can run is a 400 that lists the rows", async () => {
    const agent = await fundedAgent(5);
    const res = await expectEnvelope(await upload("phone,name\r\nnot a phone,Ana\r\n", { headers: agent.auth, query: { route: "enrich/phone" } }), 400, "VALIDATION_FAILED");
    expect(res.error).toMatchObject({ details: { counts: { rows: 1, unique: 0, invalid: 1 }, invalid_rows: [{ line: 2 }] } });
    await expectUntouched(agent, 5);
  });

  it("bad options are a free 400: an unknown route, a mapping that is not JSON or names a missing column", async () => {
    const agent = await fundedAgent(5);
    const file = `phone\r\n${MATCH}\r\n`;
    await expectEnvelope(await upload(file, { headers: agent.auth, query: { route: "enrich/email" } }), 400, "VALIDATION_FAILED");
    await expectEnvelope(await upload(file, { headers: agent.auth, query: { mapping: "{phone" } }), 400, "VALIDATION_FAILED");
    const missing = await expectEnvelope(await upload(file, { headers: agent.auth, query: { mapping: JSON.stringify({ phone: "Cell" }) } }), 400, "VALIDATION_FAILED");
    expect(missing.error).toMatchObject({ details: { field: "mapping", missing: ["Cell"] } });
    await expectUntouched(agent, 5);
  });
});

describe("rows", () => {
  it("ragged and invalid rows are listed with line numbers; a row's key is its contact_id, else its email, else its phone", async () => {
    const agent = await fundedAgent(5);
    const file = [
      "Contact ID,Email,Phone,Name",
      `a1,,${MATCH},Walter`, // line 2
      `a1,,+17243310917,Walter again`, // 3: same contact_id
      `,Doris@Example.net,+17243310917,Doris`, // 4
      `,doris@example.net,+17245550123,Doris`, // 5: same email, lower-cased
      `,,${MATCH},Walt`, // 6: keyed by phone (line 2 is keyed by its contact id)
      `,,(724) 206-0094,Walt`, // 7: line 6's number written another way
      `a9,,12,Short`, // 8: not a phone
      `a10,${MATCH}`, // 9: ragged
      `"a11","",+17245550199,"Quoted, with comma"`, // 10
    ].join("\n");
    const accepted = await uploadOk(file, { headers: agent.auth, query: { route: "enrich/phone" } });
    expect(accepted.counts).toEqual({ rows: 9, unique: 4, duplicates: 3, invalid: 2 });
    expect(accepted.duplicate_rows).toEqual([
      { line: 3, duplicate_of: 2 },
      { line: 5, duplicate_of: 4 },
      { line: 7, duplicate_of: 6 },
    ]);
    expect(accepted.invalid_rows.map((r) => [r.line, r.code])).toEqual([
      [8, "INVALID_PHONE"],
      [9, "CSV_INVALID"],
    ]);
    expect(accepted.invalid_rows[1]!.message).toContain("2 cells");
    expect(accepted.estimate).toMatchObject({ routes: { "enrich/phone": 4 }, estimate_usd: 1.32, max_usd: 1.32, bill_up_to_usd: 1.32 });
  });

  it("auto picks per row: a phone, else a person name, else a business; a mapping renames columns first", async () => {
    const agent = await fundedAgent(10);
    const file = csv([
      ["Lead", "Cell", "Owner", "Company", "City", "State"],
      ["1", MATCH, "", "", "", ""],
      ["2", "", "Walter Pennington", "", "New Castle", "PA"],
      ["3", "", "", "Finicky Window Cleaning, Inc.", "Dunedin", "FL"],
    ]);
    const accepted = await uploadOk(file, { headers: agent.auth, query: { mapping: JSON.stringify({ contact_id: "Lead", phone: "Cell" }) } });
    expect(accepted.counts).toMatchObject({ unique: 3, invalid: 0 });
    expect(accepted.estimate.routes).toEqual({ "enrich/phone": 1, "enrich/person": 1, "enrich/websearch": 1 });
    // phone $0.33 + person $0.50 + websearch $1.00 minimum; a websearch row holds its default ceiling,
    // which is that same $1.00 (a caller raises it with max_usd on the sync route).
    expect(accepted.estimate).toMatchObject({ estimate_usd: 1.83, max_usd: 1.83 });
  });

  it("multipart with a file field and options as fields works like a text/csv body", async () => {
    const agent = await fundedAgent(5);
    const form = new FormData();
    form.set("file", new File([`phone\r\n${MATCH}\r\n`], "leads.csv", { type: "text/csv" }));
    form.set("route", "enrich/phone");
    form.set("bill_up_to_usd", "2");
    const res = await call("/api/v1/batch/enrich/upload", { method: "POST", headers: agent.auth, body: form });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { route: string; estimate: { bill_up_to_usd: number } };
    expect(body).toMatchObject({ route: "enrich/phone", estimate: { bill_up_to_usd: 2 } });
    const view = (await (await call(`/api/v1/batch/${(body as unknown as { batch_id: string }).batch_id}`, { headers: agent.auth })).json()) as { filename: string };
    expect(view.filename).toBe("leads.csv");
  });
});

describe("a dry run", () => {
  it("answers how the file reads and what it would cost, free and without a bearer; nothing is held or stored", async () => {
    const agent = await fundedAgent(5);
    const file = csv([["contact_id", "phone"], ["a", MATCH], ["a", MATCH], ["b", "nope"], ["c", "+17243310917"]]);
    for (const headers of [{}, agent.auth]) {
      const res = await upload(file, { headers, query: { route: "enrich/phone", dry_run: "true" } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        dry_run: true,
        route: "enrich/phone",
        columns: ["contact_id", "phone"],
        counts: { rows: 4, unique: 2, duplicates: 1, invalid: 1 },
        invalid_rows: [{ line: 4, code: "VALIDATION_FAILED", message: expect.stringContaining("nothing to look up") }],
        duplicate_rows: [{ line: 3, duplicate_of: 2 }],
        estimate: { routes: { "enrich/phone": 2 }, estimate_usd: 0.66, max_usd: 0.66, bill_up_to_usd: 0.66 },
      });
    }
    await expectUntouched(agent, 5);
    const list = (await (await call("/api/v1/batch", { headers: agent.auth })).json()) as { batches: unknown[] };
    expect(list.batches).toEqual([]);
  });
});

describe("paying for a batch", () => {
  it("no bearer is a 402 naming what to do; a short balance is INSUFFICIENT_BALANCE; nothing is held", async () => {
    await expectEnvelope(await upload(`phone\r\n${MATCH}\r\n`), 402, "AGENT_TOKEN_REQUIRED");
    const agent = await fundedAgent(0.5);
    const rows = Array.from({ length: 3 }, (_, i) => [`c${i}`, MATCH]);
    const short = await expectEnvelope(await upload(csv([["contact_id", "phone"], ...rows]), { headers: agent.auth }), 402, "INSUFFICIENT_BALANCE");
    expect(short.error).toMatchObject({ details: { needed_usd: 0.99 } });
    await expectUntouched(agent, 0.5);
  });

  it("the same Idempotency-Key and file replays the answer and holds once; another file is a 409", async () => {
    const agent = await fundedAgent(5);
    const file = `phone\r\n${MATCH}\r\n`;
    const headers = { ...agent.auth, "idempotency-key": "batch-once" };
    const first = await uploadOk(file, { headers });
    const again = await upload(file, { headers });
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as { batch_id: string }).batch_id).toBe(first.batch_id);
    await expectEnvelope(await upload(`phone\r\n+17243310917\r\n`, { headers }), 409, "IDEMPOTENCY_CONFLICT");
    const list = (await (await call("/api/v1/batch", { headers: agent.auth })).json()) as { batches: { batch_id: string }[] };
    expect(list.batches.map((b) => b.batch_id)).toEqual([first.batch_id]);
  });
});
