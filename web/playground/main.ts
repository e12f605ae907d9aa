import { api, ApiFailure } from "../lib/api.ts";
import { $, el, must, show, usd } from "../lib/dom.ts";
import { session } from "../lib/session.ts";
import { paymentRequiredOf } from "../lib/x402.ts";
import { clearError, fail, say } from "../lib/notice.ts";
import { bodyOf, operationsOf, paramDefault, type Doc, type Operation } from "./openapi.ts";

// /playground: a request builder for this origin's own API. Requests go where scripts send them,
// with the tab's bearer (as /connect holds it) or none; nothing here talks to another origin.

const select = must<HTMLSelectElement>("op");
const bodyInput = must<HTMLTextAreaElement>("body");
const params = must("params");
const bearerRadio = must<HTMLInputElement>("auth-bearer");
const anonRadio = must<HTMLInputElement>("auth-anonymous");
const curlBearer = must<HTMLInputElement>("curl-bearer");
const MASK = "$BEARER_411DATA";
const ops = new Map<string, Operation>();
let doc: Doc;

const chosen = (): Operation | undefined => ops.get(select.value);

// ── the form ────────────────────────────────────────────────────────────────────────────
function fillOperations(): void {
  const byTag = operationsOf(doc);
  select.replaceChildren(
    ...[...byTag.entries()].map(([tag, list]) =>
      el(
        "optgroup",
        { label: tag },
        ...list.map((op) => {
          ops.set(op.key, op);
          return el("option", { value: op.key }, `${op.method} ${op.path}`);
        }),
      ),
    ),
  );
  const wanted = new URLSearchParams(location.search).get("op");
  select.value = wanted && ops.has(wanted) ? wanted : ops.has("enrichPhone") ? "enrichPhone" : ([...ops.keys()][0] ?? "");
  showOperation();
}

function showOperation(): void {
  const op = chosen();
  if (!op) return;
  must("op-summary").textContent = op.summary;
  params.replaceChildren(
    ...op.params.flatMap((p) => {
      const id = `param-${p.in}-${p.name}`;
      const input = el("input", { id, name: p.name, "data-in": p.in, autocomplete: "off", value: paramDefault(doc, p) });
      if (p.required) input.required = true;
      return [el("label", { for: id }, `${p.name} `, el("span", { class: "hint" }, `(${p.in}${p.required ? ", required" : ""})`)), input];
    }),
  );
  bodyInput.value = bodyOf(doc, op);
  show(must("body-field"), op.body !== null);
  const url = new URL(location.href);
  url.searchParams.set("op", op.key);
  history.replaceState(null, "", url);
  renderCurl();
}

function pathAndQuery(op: Operation): string {
  let path = op.path;
  const query = new URLSearchParams();
  for (const input of params.querySelectorAll<HTMLInputElement>("input")) {
    const value = input.value.trim();
    if (input.dataset.in === "path") path = path.replace(`{${input.name}}`, encodeURIComponent(value));
    else if (value) query.set(input.name, value);
  }
  const qs = query.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The body as typed, checked to be JSON (null when the operation takes none). */
function bodyText(op: Operation): string | null {
  if (!op.body) return null;
  const raw = bodyInput.value.trim();
  if (!raw) return null;
  try {
    return JSON.stringify(JSON.parse(raw));
  } catch (err) {
    throw new Error(`The body is not valid JSON: ${(err as Error).message}`);
  }
}

const withBearer = () => bearerRadio.checked && session.get() !== null;
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function renderCurl(): void {
  const op = chosen();
  if (!op) return;
  let body: string | null;
  try {
    body = bodyText(op);
  } catch {
    body = bodyInput.value.trim() || null;
  }
  const lines = [`curl -sS -X ${op.method} ${quote(`${location.origin}${pathAndQuery(op)}`)}`];
  if (withBearer()) lines.push(curlBearer.checked ? `-H ${quote(`authorization: Bearer ${session.get()}`)}` : `-H "authorization: Bearer ${MASK}"`);
  if (body !== null) lines.push(`-H 'content-type: application/json'`, `-d ${quote(body)}`);
  must("curl").textContent = lines.join(" \\\n  ");
}

// ── the answer ──────────────────────────────────────────────────────────────────────────
const HEADERS = ["X-Request-Id", "RateLimit", "RateLimit-Policy", "Retry-After", "PAYMENT-RESPONSE", "PAYMENT-REQUIRED"];

function decodeBase64Json(value: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

function showHeaders(res: Response): void {
  must("res-headers").replaceChildren(
    ...HEADERS.filter((h) => res.headers.has(h)).map((h) => {
      const value = res.headers.get(h)!;
      const decoded = h.startsWith("PAYMENT-") ? decodeBase64Json(value) : null;
      const cell = decoded
        ? el("td", {}, el("details", {}, el("summary", {}, "decoded"), el("pre", { tabindex: "0" }, el("code", {}, JSON.stringify(decoded, null, 2)))))
        : el("td", {}, el("code", {}, value));
      return el("tr", {}, el("th", { scope: "row" }, h), cell);
    }),
  );
}

function showPayment(res: Response, body: unknown): void {
  const box = must("res-payment");
  const required = res.status === 402 ? paymentRequiredOf(res.headers, body) : null;
  if (!required) return show(box, false);
  const offers = required.accepts.map((a) => {
    const token = a.extra?.name ?? "the asset";
    return el(
      "dl",
      { class: "kv" },
      el("dt", {}, "Amount"),
      el("dd", { class: "cost" }, `${usd(Number(a.amount) / 1e6)} (${a.amount} base units of ${token}, 6 decimals)`),
      el("dt", {}, "Scheme"),
      el("dd", {}, a.scheme),
      el("dt", {}, "Network"),
      el("dd", {}, el("code", {}, a.network)),
      el("dt", {}, "Asset"),
      el("dd", {}, el("code", {}, a.asset), ` (${token})`),
      el("dt", {}, "Pay to"),
      el("dd", {}, el("code", {}, a.payTo)),
      el("dt", {}, "Valid for"),
      el("dd", {}, `${a.maxTimeoutSeconds} s after signing`),
    );
  });
  box.replaceChildren(
    el("p", {}, el("strong", {}, "Payment required, nothing charged."), " What to pay:"),
    ...offers,
    el(
      "p",
      {},
      "How: the official x402 client (",
      el("code", {}, "@x402/fetch"),
      ") signs this offer with your wallet and retries the call (",
      el("a", { href: "/cookbook/x402_client" }, "x402 client recipe"),
      "). Or pay from a balance: mint an agent on ",
      el("a", { href: "/connect" }, "Connect"),
      " and send with this tab's bearer.",
    ),
  );
  show(box);
}

function showBilling(body: any): void {
  const box = must("res-billing");
  const billing = body && typeof body === "object" ? body.billing : undefined;
  if (!billing || typeof billing !== "object") return show(box, false);
  box.replaceChildren(
    el("p", {}, el("strong", {}, "Billing: "), `charged ${usd(billing.charged_usd)}`, billing.balance_after_usd != null ? `, balance now ${usd(billing.balance_after_usd)}` : "", billing.mode ? ` (${billing.mode})` : ""),
    el("pre", { tabindex: "0" }, el("code", {}, JSON.stringify(billing, null, 2))),
  );
  show(box);
}

async function send(): Promise<void> {
  const op = chosen();
  if (!op) throw new Error("Pick an operation first.");
  const body = bodyText(op);
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== null) headers["content-type"] = "application/json";
  const bearer = withBearer() ? session.get() : null;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  say(`Sending ${op.method} ${op.path}…`);
  const res = await fetch(pathAndQuery(op), { method: op.method, headers, body, credentials: "omit", cache: "no-store" });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: shown as text
  }
  must("res-status").replaceChildren(el("strong", {}, `${res.status} ${res.statusText}`), ` · ${op.method} ${op.path} · ${bearer ? "with this tab's bearer" : "anonymous"}`);
  showHeaders(res);
  showPayment(res, parsed);
  showBilling(parsed);
  must("res-body").textContent = parsed !== null ? JSON.stringify(parsed, null, 2) : text;
  show(must("response"));
  say("");
  must("response-h").focus();
}

// ── start ───────────────────────────────────────────────────────────────────────────────
function wire(): void {
  const hasBearer = session.get() !== null;
  bearerRadio.disabled = !hasBearer;
  (hasBearer ? bearerRadio : anonRadio).checked = true;
  const note = must("auth-note");
  if (hasBearer) note.textContent = "(paid calls bill your balance)";
  else note.append("(none in this tab: ", el("a", { href: "/connect" }, "mint or restore one on Connect"), ")");

  select.addEventListener("change", showOperation);
  for (const input of [bodyInput, params, bearerRadio, anonRadio, curlBearer]) input.addEventListener("input", renderCurl);
  for (const input of [bearerRadio, anonRadio, curlBearer]) input.addEventListener("change", renderCurl);
  must<HTMLFormElement>("pg-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const button = must<HTMLButtonElement>("send");
    button.disabled = true;
    clearError();
    send()
      .catch((err) => (say(""), fail(err)))
      .finally(() => (button.disabled = false));
  });
  must("curl-copy").addEventListener("click", () =>
    void navigator.clipboard.writeText(must("curl").textContent ?? "").then(
      () => say("Copied the curl command."),
      () => say("The browser refused the clipboard: select the command and copy it."),
    ),
  );
}

async function start(): Promise<void> {
  wire();
  try {
    doc = await api<Doc>("/openapi.json");
  } catch (err) {
    fail(err instanceof ApiFailure ? err : new Error("Could not read /openapi.json."));
    return;
  }
  fillOperations();
  must<HTMLButtonElement>("send").disabled = false;
  show($("error"), false);
}

void start();
