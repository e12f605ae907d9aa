import { api, call, failureOf } from "../lib/api.ts";
import { $, el, must, show, usd } from "../lib/dom.ts";
import { session } from "../lib/session.ts";
import { ConnectedWallet, discoverWallets, legacyWallet, type FoundWallet } from "../lib/wallet.ts";
import { paymentRequiredOf, paymentSignature } from "../lib/x402.ts";
import { clearError, fail, say } from "../lib/notice.ts";

// /connect: mint with a wallet, show the bearer once, hold it for this tab, and manage the agent
// through the product's own API routes (the same ones scripts call).

interface Me {
  agent_id: string;
  wallets: string[];
  allowance_usd: number | null;
  drawn_usd: number;
  key_kind: "agent" | "usage_key";
}
interface Balance {
  virtual_balance_usd: number;
  held_usd: number;
  allowance_usd: number | null;
  drawn_usd: number;
}
interface UsageKey {
  key_id: string;
  name: string;
  spend_cap_usd: number;
  spent_usd: number;
  scope: string[] | null;
  expires_at: string | null;
  status: string;
}

const root = must("connect");
const action = root.dataset.action ?? "";
let wallet: ConnectedWallet | null = null;
let me: Me | null = null;

/** Runs a user action with the button disabled, errors shown in words. */
function handle(button: HTMLButtonElement | null, work: () => Promise<void>): () => Promise<void> {
  return async () => {
    clearError();
    if (button) button.disabled = true;
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      if (button) button.disabled = false;
    }
  };
}

function onSubmit(formId: string, work: (form: HTMLFormElement) => Promise<void>): void {
  const form = $<HTMLFormElement>(formId);
  if (!form) return;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    void handle(form.querySelector<HTMLButtonElement>("button[type=submit]"), () => work(form))();
  });
}

// ── the secret, shown once ──────────────────────────────────────────────────────────────
function showSecret(label: string, value: string, filename: string): void {
  must("secret-label").textContent = label;
  must("secret-value").textContent = value;
  const box = must("secret");
  show(box);
  must("secret-copy").onclick = () =>
    void navigator.clipboard.writeText(value).then(
      () => say("Copied to the clipboard."),
      () => say("The browser refused the clipboard: select the text and copy it."),
    );
  must("secret-download").onclick = () => {
    const url = URL.createObjectURL(new Blob([`${value}\n`], { type: "text/plain" }));
    el("a", { href: url, download: filename }).click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  must("secret-done").onclick = () => {
    must("secret-value").textContent = "";
    show(box, false);
  };
  must("secret-h").focus();
}

// ── the agent held in this tab ──────────────────────────────────────────────────────────
async function loadAccount(): Promise<void> {
  const bearer = session.get();
  me = null;
  if (!bearer) {
    show($("account"), false);
    for (const id of ["lookup", "deposit"]) show($(id), false);
    enableBearerActions();
    return;
  }
  try {
    const [who, balance] = await Promise.all([api<Me>("/api/v1/agents/me", { bearer }), api<Balance>("/api/v1/agents/balance", { bearer })]);
    me = who;
    must("acct-agent").textContent = who.key_kind === "agent" ? who.agent_id : `${who.agent_id} (usage key)`;
    must("acct-wallet").textContent = who.wallets.join(", ") || "none";
    must("acct-balance").textContent = usd(balance.virtual_balance_usd);
    must("acct-held").textContent = usd(balance.held_usd);
    must("acct-allowance").textContent = balance.allowance_usd === null ? "none (no budget committed)" : usd(balance.allowance_usd);
    must("acct-drawn").textContent = usd(balance.drawn_usd);
    show($("account"));
    show($("lookup"));
    show($("deposit"), who.key_kind === "agent");
  } catch (err) {
    // A bearer that stopped working (rotated elsewhere, revoked) is dropped from the tab.
    session.forget();
    show($("account"), false);
    fail(err);
  }
  enableBearerActions();
}

function enableBearerActions(): void {
  const agent = me?.key_kind === "agent";
  for (const id of ["rotate-submit", "key-submit"]) {
    const button = $<HTMLButtonElement>(id);
    if (button) button.disabled = !agent;
  }
  if (!agent && (action === "rotate" || action === "usage-keys")) {
    say(
      me
        ? "This tab holds a usage key: rotating and managing keys need the agent bearer (411_…). Restore it first."
        : "This needs the agent bearer in this tab: mint, or restore a saved bearer first.",
    );
  }
}

function wireAccount(): void {
  $("refresh")?.addEventListener("click", () => void handle(null, loadAccount)());
  $("forget")?.addEventListener("click", () => {
    session.forget();
    say("This tab no longer holds a bearer.");
    void loadAccount();
  });
}

// ── wallets ─────────────────────────────────────────────────────────────────────────────
function wireWallets(onConnected: () => void): void {
  const list = $("wallet-list");
  if (!list) return;
  const add = (found: FoundWallet) => {
    const button = el("button", { type: "button", class: "secondary" });
    if (found.info.icon.startsWith("data:image/")) button.append(el("img", { src: found.info.icon, alt: "", width: "20", height: "20" }), " ");
    button.append(`Use ${found.info.name}`);
    button.addEventListener("click", () =>
      void handle(button, async () => {
        wallet = await ConnectedWallet.connect(found);
        const connected = must("wallet-connected");
        connected.textContent = `Connected: ${found.info.name}, account ${wallet.address}`;
        show(connected);
        onConnected();
      })(),
    );
    list.append(el("li", {}, button));
    show($("wallet-none"), false);
  };
  discoverWallets(add);
  // Give EIP-6963 wallets a moment to announce before falling back to window.ethereum.
  setTimeout(() => {
    if (list.childElementCount > 0) return;
    const legacy = legacyWallet();
    if (legacy) add(legacy);
    else show($("wallet-none"));
  }, 400);
}

function needWallet(): ConnectedWallet {
  if (!wallet) throw new Error("Pick your wallet first (Your wallet, above).");
  return wallet;
}

// ── mint ────────────────────────────────────────────────────────────────────────────────
interface Nonce {
  siwe_message: string;
  allowance_intent_message: string | null;
}
interface Registration {
  agent_id: string;
  token: string | null;
  allowance_usd: number | null;
}

function wireMint(): void {
  wireWallets(() => {
    must<HTMLButtonElement>("mint-submit").disabled = false;
  });
  const budgetOn = must<HTMLInputElement>("budget-on");
  const budget = must<HTMLInputElement>("budget");
  budgetOn.addEventListener("change", () => (budget.disabled = !budgetOn.checked));
  onSubmit("mint-form", async () => {
    const w = needWallet();
    const allowance = budgetOn.checked ? budget.value.trim() : "";
    say("Preparing the sign-in message…");
    const nonce = await api<Nonce>("/api/v1/agents/wallet-nonce", {
      body: { address: w.address, ...(allowance ? { allowance_usd: allowance } : {}) },
    });
    say("Sign the sign-in message in your wallet (it moves no funds).");
    const body: Record<string, string> = { siwe_message: nonce.siwe_message, siwe_signature: await w.personalSign(nonce.siwe_message) };
    if (nonce.allowance_intent_message) {
      say("Sign the budget commitment in your wallet (it moves no funds).");
      body.allowance_intent_message = nonce.allowance_intent_message;
      body.allowance_intent_signature = await w.personalSign(nonce.allowance_intent_message);
    }
    const reg = await api<Registration>("/api/v1/agents/wallet-register", { body });
    if (reg.token) {
      session.set(reg.token);
      showSecret(`Your agent bearer for ${reg.agent_id}.`, reg.token, `411data-${reg.agent_id}-bearer.txt`);
      say(`Minted ${reg.agent_id}${reg.allowance_usd !== null ? ` with a ${usd(reg.allowance_usd)} budget` : ""}.`);
    } else {
      say(
        `This wallet already has agent ${reg.agent_id}: same agent, no new bearer shown` +
          `${reg.allowance_usd !== null ? `; budget now ${usd(reg.allowance_usd)}` : ""}. Restore your saved bearer, or recover it with the wallet.`,
      );
    }
    await loadAccount();
  });

  onSubmit("lookup-form", async (form) => {
    const phone = (form.elements.namedItem("phone") as HTMLInputElement).value.trim();
    const out = must("lookup-result");
    out.replaceChildren();
    say("Looking up…");
    const result = await api<{ matched: boolean; data?: { people?: unknown[] }; billing?: { charged_usd: number; balance_after_usd: number | null } }>(
      "/api/v1/enrich/phone",
      { body: { phone }, bearer: session.get() },
    );
    const charged = result.billing ? `Charged ${usd(result.billing.charged_usd)}; balance now ${usd(result.billing.balance_after_usd)}.` : "";
    out.append(
      el("p", { class: result.matched ? "alert ok" : "alert warn" }, result.matched ? `Matched: ${result.data?.people?.length ?? 0} people found. ${charged}` : `No match, nothing charged. ${charged}`),
      el("details", {}, el("summary", {}, "The full answer"), el("pre", {}, el("code", {}, JSON.stringify(result, null, 2)))),
    );
    say("");
    await loadAccount();
  });

  onSubmit("deposit-form", async (form) => {
    const w = needWallet();
    const bearer = session.get();
    const amount = (form.elements.namedItem("amount") as HTMLInputElement).value.trim();
    const request = { body: { amount_usd: amount }, bearer };
    say("Asking for the payment terms…");
    const first = await call("/api/v1/agents/deposits", request);
    if (first.status !== 402) throw await failureOf(first);
    const required = paymentRequiredOf(first.headers, await first.json());
    if (!required) throw new Error("The server asked for payment without terms.");
    say("Sign the USDC payment in your wallet.");
    const signature = await paymentSignature(w, required);
    say("Settling the payment…");
    const paid = await call("/api/v1/agents/deposits", { ...request, headers: { "payment-signature": signature } });
    if (!paid.ok) throw await failureOf(paid);
    const done = (await paid.json()) as { deposited_usd: number; match_usd: number; virtual_balance_usd: number; transaction: string };
    must("deposit-result").textContent =
      `Deposited ${usd(done.deposited_usd)}${done.match_usd > 0 ? ` (+${usd(done.match_usd)} match)` : ""}; balance ${usd(done.virtual_balance_usd)}. Transaction ${done.transaction}.`;
    say("");
    await loadAccount();
  });
}

// ── restore, rotate ─────────────────────────────────────────────────────────────────────
function wireRestore(): void {
  onSubmit("restore-form", async (form) => {
    const input = form.elements.namedItem("bearer") as HTMLInputElement;
    const bearer = input.value.trim();
    if (!bearer) throw new Error("Paste the bearer first.");
    const restored = await api<{ agent_id: string }>("/api/v1/agents/token/restore", { method: "POST", bearer });
    input.value = "";
    session.set(bearer);
    say(`Restored: this tab now uses the bearer of ${restored.agent_id}.`);
    await loadAccount();
  });
}

function wireRotate(): void {
  const button = must<HTMLButtonElement>("rotate-submit");
  button.addEventListener("click", () =>
    void handle(button, async () => {
      const rotated = await api<{ agent_id: string; token: string }>("/api/v1/agents/token/rotate", { method: "POST", bearer: session.get() });
      session.set(rotated.token);
      showSecret(`Your new agent bearer for ${rotated.agent_id}. The old one stopped working.`, rotated.token, `411data-${rotated.agent_id}-bearer.txt`);
      await loadAccount();
    })(),
  );
}

// ── usage keys ──────────────────────────────────────────────────────────────────────────
async function loadKeys(): Promise<void> {
  const body = must("keys-body");
  if (me?.key_kind !== "agent") {
    body.replaceChildren();
    return;
  }
  const { usage_keys } = await api<{ usage_keys: UsageKey[] }>("/api/v1/agents/usage-keys", { bearer: session.get() });
  body.replaceChildren(
    ...usage_keys.map((k) => {
      const revoke = el("button", { type: "button", class: "secondary", "aria-label": `Revoke ${k.name}` }, "Revoke");
      revoke.disabled = k.status !== "active";
      revoke.addEventListener("click", () =>
        void handle(revoke, async () => {
          await api(`/api/v1/agents/usage-keys/${encodeURIComponent(k.key_id)}`, { method: "DELETE", bearer: session.get() });
          say(`Revoked ${k.name}; it stopped working now.`);
          await loadKeys();
        })(),
      );
      return el(
        "tr",
        { "data-key-id": k.key_id },
        el("td", {}, k.name),
        el("td", {}, el("code", {}, k.key_id)),
        el("td", {}, `${usd(k.spent_usd)} / ${usd(k.spend_cap_usd)}`),
        el("td", {}, k.scope?.join(", ") ?? "every paid route"),
        el("td", {}, k.expires_at ? new Date(k.expires_at).toLocaleString() : "never"),
        el("td", {}, k.status),
        el("td", {}, revoke),
      );
    }),
  );
}

function wireUsageKeys(): void {
  onSubmit("key-form", async (form) => {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value.trim();
    const scope = [...form.querySelectorAll<HTMLInputElement>("input[name=scope]:checked")].map((i) => i.value);
    const expires = value("expires_at");
    const created = await api<UsageKey & { key: string }>("/api/v1/agents/usage-keys", {
      bearer: session.get(),
      body: {
        name: value("name") || "usage key",
        spend_cap_usd: value("spend_cap_usd"),
        ...(scope.length ? { scope } : {}),
        ...(expires ? { expires_at: new Date(expires).toISOString() } : {}),
      },
    });
    showSecret(`Usage key "${created.name}" (${created.key_id}).`, created.key, `411data-${created.key_id}.txt`);
    await loadKeys();
  });
}

// ── recover ─────────────────────────────────────────────────────────────────────────────
interface Challenge {
  challenge_id: string;
  questions: { kind: string; question: string; options: string[] }[];
  required_right: number;
  expires_at: string;
  fee: { amount_usd: number };
}

/** One fieldset per question, its legend the question, one labelled radio per option. */
function questionGroups(challenge: Challenge): HTMLFieldSetElement[] {
  const total = challenge.questions.length;
  return challenge.questions.map((q, qi) =>
    el(
      "fieldset",
      { "data-question": String(qi) },
      el("legend", {}, `Question ${qi + 1} of ${total}: ${q.question}`),
      ...q.options.map((option, oi) =>
        el(
          "label",
          { class: "check" },
          el("input", { type: "radio", name: `answer-${qi}`, value: String(oi), ...(oi === 0 ? { required: "" } : {}) }),
          ` ${option}`,
        ),
      ),
    ),
  );
}

function wireRecover(): void {
  const start = must<HTMLButtonElement>("recover-start");
  const form = must<HTMLFormElement>("recover-form");
  wireWallets(() => (start.disabled = false));
  let challenge: Challenge | null = null;
  start.addEventListener("click", () =>
    void handle(start, async () => {
      const w = needWallet();
      show(form, false);
      const nonce = await api<Nonce>("/api/v1/agents/wallet-nonce", { body: { address: w.address, purpose: "recover" } });
      say("Sign the recovery sign-in in your wallet (it moves no funds).");
      const siwe_signature = await w.personalSign(nonce.siwe_message);
      challenge = await api<Challenge>("/api/v1/agents/wallet-recover/challenge", { body: { siwe_message: nonce.siwe_message, siwe_signature } });
      const total = challenge.questions.length;
      must("recover-needed").textContent =
        `${challenge.required_right === total ? `All ${total}` : `${challenge.required_right} of the ${total}`} answers must be right. ` +
        `These questions close at ${new Date(challenge.expires_at).toLocaleTimeString()}.`;
      must("recover-questions").replaceChildren(...questionGroups(challenge));
      form.reset();
      show(form);
      say(`Pick the lookup you made in each question, then pay the ${usd(challenge.fee.amount_usd)} fee: the answers are checked once it is paid.`);
    })(),
  );
  onSubmit("recover-form", async () => {
    const w = needWallet();
    if (!challenge) throw new Error("Start the recovery first.");
    const answers = challenge.questions.map((_, qi) => form.querySelector<HTMLInputElement>(`input[name="answer-${qi}"]:checked`));
    const missing = answers.findIndex((a) => !a);
    if (missing >= 0) throw new Error(`Pick an answer for question ${missing + 1}.`);
    const body = { challenge_id: challenge.challenge_id, answers: answers.map((a) => Number(a!.value)) };
    say("Asking for the fee terms…");
    // Unpaid, the answer is always the fee's 402, right answers or not: nothing is checked yet.
    const first = await call("/api/v1/agents/wallet-recover/complete", { body });
    if (first.status !== 402) throw await failureOf(first);
    const required = paymentRequiredOf(first.headers, await first.json());
    if (!required) throw new Error("The server asked for the fee without terms.");
    say(`Sign the ${usd(challenge.fee.amount_usd)} fee payment in your wallet.`);
    const signature = await paymentSignature(w, required);
    say("Settling the fee and checking the answers…");
    const paid = await call("/api/v1/agents/wallet-recover/complete", { body, headers: { "payment-signature": signature } });
    if (!paid.ok) {
      const failure = await failureOf(paid);
      // A scored attempt spends the challenge; a refused or unsettled payment leaves it open to retry.
      if (["RECOVERY_ANSWER_WRONG", "RECOVERY_CHALLENGE_CLOSED", "RATE_LIMITED", "NOT_FOUND"].includes(failure.code)) {
        challenge = null;
        show(form, false);
      }
      throw failure;
    }
    const recovered = (await paid.json()) as { agent_id: string; token: string; usage_keys_revoked: number };
    challenge = null;
    session.set(recovered.token);
    show(form, false);
    showSecret(
      `Your new agent bearer for ${recovered.agent_id}. Every earlier bearer stopped working${recovered.usage_keys_revoked > 0 ? `, and ${recovered.usage_keys_revoked} usage key(s) were revoked` : ""}.`,
      recovered.token,
      `411data-${recovered.agent_id}-bearer.txt`,
    );
    say("Recovered.");
    await loadAccount();
  });
}

// ── start ───────────────────────────────────────────────────────────────────────────────
wireAccount();
if (action === "") wireMint();
if (action === "restore") wireRestore();
if (action === "rotate") wireRotate();
if (action === "usage-keys") wireUsageKeys();
if (action === "recover") wireRecover();
void loadAccount().then(() => (action === "usage-keys" ? handle(null, loadKeys)() : undefined));
