import { api, call, failureOf } from "../lib/api.ts";
import { el, must, show, usd } from "../lib/dom.ts";
import { session } from "../lib/session.ts";

// /batch: a dry run of the upload shows how the file reads and what it costs; confirming uploads
// it for real; the batch is then polled with its poll bearer until it ends, and the results are
// downloaded through the same bearer (a header, so the file is fetched here, then saved).

interface Preview {
  columns: string[];
  counts: { rows: number; unique: number; duplicates: number; invalid: number };
  invalid_rows: { line: number; code: string; message: string }[];
  estimate: { routes: Record<string, number>; estimate_usd: number; max_usd: number; bill_up_to_usd: number };
}
interface Accepted extends Preview {
  batch_id: string;
  poll_bearer: string;
  poll_interval_sec: number;
}
interface View {
  status: "running" | "completed" | "cancelled";
  progress: { done: number; matched: number; no_match: number; failed: number; cancelled: number; remaining: number; percent: number; eta_seconds: number | null };
  billing: { charged_usd: number };
}

const bearerInput = must<HTMLInputElement>("bearer");
const fileInput = must<HTMLInputElement>("file");
const routeSelect = must<HTMLSelectElement>("route");
let current: { batchId: string; poll: string } | null = null;

bearerInput.value = session.get() ?? "";

function status(text: string) {
  must("status").textContent = text;
}

function fail(err: unknown) {
  const box = must("error");
  box.textContent = err instanceof Error ? err.message : String(err);
  show(box);
}

function uploadPath(dryRun: boolean) {
  const q = new URLSearchParams({ route: routeSelect.value });
  if (dryRun) q.set("dry_run", "true");
  return `/api/v1/batch/enrich/upload?${q}`;
}

async function upload(dryRun: boolean): Promise<Response> {
  const file = fileInput.files?.[0];
  if (!file) throw new Error("Choose a CSV file first.");
  const bearer = bearerInput.value.trim();
  if (!dryRun && !bearer) throw new Error("Paste an agent bearer (or mint one on /connect) to run the batch.");
  if (bearer) session.set(bearer);
  return fetch(uploadPath(dryRun), {
    method: "POST",
    headers: { "content-type": "text/csv", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: file,
    credentials: "omit",
    cache: "no-store",
  });
}

must<HTMLFormElement>("file-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  show(must("error"), false);
  status("Reading the file…");
  try {
    const res = await upload(true);
    if (!res.ok) throw await failureOf(res);
    const preview = (await res.json()) as Preview;
    must("pv-columns").textContent = preview.columns.join(", ");
    const c = preview.counts;
    must("pv-rows").textContent = `${c.rows} rows: ${c.unique} will run, ${c.duplicates} duplicates, ${c.invalid} invalid`;
    must("pv-routes").textContent = Object.entries(preview.estimate.routes).map(([r, n]) => `${n} × ${r}`).join(", ");
    must("pv-estimate").textContent = usd(preview.estimate.estimate_usd);
    must("pv-ceiling").textContent = usd(preview.estimate.bill_up_to_usd);
    const list = must("pv-invalid");
    list.replaceChildren(...preview.invalid_rows.slice(0, 20).map((r) => el("li", {}, `line ${r.line}: ${r.message}`)));
    show(must("preview"));
    status("Checked. Nothing is held until you confirm.");
  } catch (err) {
    status("");
    fail(err);
  }
});

must("confirm").addEventListener("click", async () => {
  show(must("error"), false);
  status("Uploading…");
  try {
    const res = await upload(false);
    if (res.status !== 202) throw await failureOf(res);
    const accepted = (await res.json()) as Accepted;
    current = { batchId: accepted.batch_id, poll: accepted.poll_bearer };
    show(must("progress"));
    status(`Batch ${accepted.batch_id} is running.`);
    void follow(accepted.poll_interval_sec);
  } catch (err) {
    status("");
    fail(err);
  }
});

async function follow(intervalSec: number) {
  while (current) {
    const view = await api<View>(`/api/v1/batch/${current.batchId}`, { bearer: current.poll });
    const p = view.progress;
    must<HTMLProgressElement>("bar").value = p.percent;
    must("progress-text").textContent =
      `${p.done} done (${p.matched} matched, ${p.no_match} no match, ${p.failed} failed), ${p.remaining} to go` +
      (p.eta_seconds ? `, about ${p.eta_seconds} s left` : "") +
      ` · charged ${usd(view.billing.charged_usd)}` +
      (p.cancelled ? ` · ${p.cancelled} cancelled` : "");
    if (view.status !== "running") {
      status(`Batch ${current.batchId} ${view.status}.`);
      must<HTMLButtonElement>("download-csv").disabled = false;
      must<HTMLButtonElement>("download-jsonl").disabled = false;
      must<HTMLButtonElement>("cancel").disabled = true;
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalSec * 1000));
  }
}

must("cancel").addEventListener("click", async () => {
  if (!current) return;
  try {
    await api(`/api/v1/batch/${current.batchId}/cancel`, { method: "POST", bearer: current.poll });
    status("Cancelling: rows already running finish, the rest never run.");
  } catch (err) {
    fail(err);
  }
});

for (const ext of ["csv", "jsonl"] as const) {
  must(`download-${ext}`).addEventListener("click", async () => {
    if (!current) return;
    try {
      const res = await call(`/api/v1/batch/${current.batchId}/results.${ext}`, { bearer: current.poll });
      if (!res.ok) throw await failureOf(res);
      const link = el("a", { href: URL.createObjectURL(await res.blob()), download: `${current.batchId}-results.${ext}` });
      link.click();
    } catch (err) {
      fail(err);
    }
  });
}
