import { vi } from "vitest";
import { call } from "./http.ts";

// Uploading CSV batches and waiting on them, as a client of the batch API would.

export interface BatchAccepted {
  batch_id: string;
  poll_bearer: string;
  poll_url: string;
  status: string;
  route: string;
  billing_mode: string;
  columns: string[];
  counts: { rows: number; unique: number; duplicates: number; invalid: number };
  invalid_rows: { line: number; code: string; message: string }[];
  duplicate_rows: { line: number; duplicate_of: number }[];
  estimate: { routes: Record<string, number>; estimate_usd: number; max_usd: number; bill_up_to_usd: number };
  callback: { callback_id: string; url: string; signing_secret: string } | null;
}

export interface BatchView {
  batch_id: string;
  status: "running" | "completed" | "cancelled";
  counts: BatchAccepted["counts"];
  progress: { done: number; matched: number; no_match: number; failed: number; cancelled: number; running: number; remaining: number; percent: number; rows_per_sec: number | null; eta_seconds: number | null };
  billing: { bill_up_to_usd: number; estimate_usd: number; charged_usd: number; x402_transaction: string | null };
  finished_at: string | null;
}

export const csv = (rows: readonly (readonly string[])[]) =>
  rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",")).join("\r\n") + "\r\n";

export function upload(body: BodyInit, opts: { headers?: Record<string, string>; query?: Record<string, string>; contentType?: string } = {}) {
  const qs = opts.query ? `?${new URLSearchParams(opts.query)}` : "";
  return call(`/api/v1/batch/enrich/upload${qs}`, {
    method: "POST",
    headers: { "content-type": opts.contentType ?? "text/csv", ...opts.headers },
    body,
  });
}

export async function uploadOk(body: BodyInit, opts: Parameters<typeof upload>[1] = {}): Promise<BatchAccepted> {
  const res = await upload(body, opts);
  if (res.status !== 202) throw new Error(`upload ${res.status}: ${await res.text()}`);
  return (await res.json()) as BatchAccepted;
}

export async function getBatch(id: string, bearer: string): Promise<BatchView> {
  const res = await call(`/api/v1/batch/${id}`, { headers: { authorization: `Bearer ${bearer}` } });
  if (res.status !== 200) throw new Error(`poll ${res.status}: ${await res.text()}`);
  return (await res.json()) as BatchView;
}

export async function untilEnded(id: string, bearer: string, timeout = 20_000): Promise<BatchView> {
  return vi.waitUntil(
    async () => {
      const view = await getBatch(id, bearer);
      return view.status === "running" ? false : view;
    },
    { timeout, interval: 50 },
  );
}

export async function resultsOf(id: string, bearer: string, ext: "csv" | "jsonl"): Promise<string> {
  const res = await call(`/api/v1/batch/${id}/results.${ext}`, { headers: { authorization: `Bearer ${bearer}` } });
  if (res.status !== 200) throw new Error(`results ${res.status}: ${await res.text()}`);
  return res.text();
}
