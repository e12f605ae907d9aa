import type { Browser, BrowserContext, Locator } from "playwright-core";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ANVIL_KEYS } from "../../packages/chain/src/accounts.ts";
import { axe, launch, screenshot, watchedPage, type Watched } from "./support/browser.ts";
import { fundUsdc, installTestWallet } from "./support/wallet.ts";

// The enrich agent and the playground in Chromium, with an agent the test wallet mints on /connect
// (its bearer then lives in the tab, as for a person) and funded by the operator above the
// starting credit: a chat that enriches the seed phone and shows the cost, a quoted lookup run on
// confirmation, conversations resumed and deleted; the playground's lookup paid from the balance
// and its 402 decoded when anonymous.

const baseUrl = inject("baseUrl");
const rpcUrl = inject("rpcUrl");
const account = privateKeyToAccount(ANVIL_KEYS[8]!);
const SEED_PHONE = "+17242060094";
const QUESTION = `who owns ${SEED_PHONE}?`;

let browser: Browser;
let context: BrowserContext;
let tab: Watched;
let bearer = "";
let agentId = "";

async function apiAs(path: string, init: RequestInit = {}) {
  return fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${bearer}`, ...init.headers } });
}

async function balance(): Promise<number> {
  return ((await (await apiAs("/api/v1/agents/balance")).json()) as { virtual_balance_usd: number }).virtual_balance_usd;
}

async function open(path: string) {
  await tab.page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
}

/** What an element shows, or the page's error alert when there is one (for a useful failure). */
async function shown(locator: Locator): Promise<string> {
  const error = tab.page.locator("#error");
  if (await error.isVisible()) return `error: ${await error.textContent()}`;
  return ((await locator.count()) ? await locator.first().textContent() : "") ?? "";
}

const assistant = () => tab.page.locator("#thread li.msg.assistant");

beforeAll(async () => {
  await fundUsdc(rpcUrl, inject("usdc"), account.address, 5_000_000n);
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  tab = await watchedPage(context, baseUrl);
  await installTestWallet(tab.page, account, { chainId: inject("chainId"), rpcUrl });

  await open("/connect");
  await tab.page.getByRole("button", { name: "Use Test Wallet" }).click();
  await tab.page.getByLabel("Commit a USD budget").uncheck();
  await tab.page.getByRole("button", { name: "Sign and mint" }).click();
  await tab.page.locator("#secret").waitFor({ state: "visible" });
  bearer = (await tab.page.locator("#secret-value").textContent())!.trim();
  await tab.page.locator("#account").waitFor({ state: "visible" });
  agentId = (await tab.page.locator("#acct-agent").textContent())!.trim();
});
afterAll(async () => {
  await browser?.close();
});

/** The starting credit ($0.20) is below one lookup ($0.33): the operator credits $2. */
async function fund(): Promise<void> {
  const adjusted = await fetch(`${baseUrl}/api/v1/operator/agents/${agentId}/adjust`, {
    method: "POST",
    headers: { "x-operator-secret": inject("operatorSecret"), "content-type": "application/json" },
    body: JSON.stringify({ amount_usd: 2, memo: "browser test funding" }),
  });
  expect(adjusted.status).toBe(200);
  expect(await balance()).toBe(2.2);
}

describe("/enrich_agent in Chromium", () => {
  it("says a short balance in words, with the deposit link, and charges nothing", async () => {
    await open("/enrich_agent");
    await tab.page.locator("#workspace").waitFor({ state: "visible" });
    await expect.poll(() => shown(tab.page.locator("#balance"))).toBe("$0.20");
    await tab.page.getByLabel(/^Message/).fill(`lookup ${SEED_PHONE} please`);
    await tab.page.getByRole("button", { name: "Send" }).click();
    const card = assistant().first().locator("article.toolcard");
    await expect.poll(() => shown(card.locator(".badge")), { timeout: 60_000 }).toBe("did not run");
    await expect(card.locator("dt:text-is('Result') + dd").textContent()).resolves.toMatch(/^Your balance cannot cover this call\..*\(INSUFFICIENT_BALANCE\) Top up with a deposit$/);
    await expect(card.getByRole("link", { name: "Top up with a deposit" }).getAttribute("href")).resolves.toBe("/connect");
    await expect(card.locator("dd.cost").textContent()).resolves.toBe("$0.00 (nothing charged)");
    expect(await balance()).toBe(0.2);

    await fund();
    await tab.page.getByRole("button", { name: "New conversation" }).click();
    await expect(tab.page.locator("#thread li").count()).resolves.toBe(0);
  });

  it("streams the seed answer with the lookup's card and cost, from the bearer this tab minted", async () => {
    await tab.page.reload({ waitUntil: "networkidle" });
    await expect.poll(() => shown(tab.page.locator("#balance"))).toBe("$2.20");

    await tab.page.getByLabel(/^Message/).fill(QUESTION);
    await tab.page.getByLabel(/Spend limit for this turn/).fill("1");
    await tab.page.getByRole("button", { name: "Send" }).click();

    const turn = assistant().first();
    await expect.poll(() => shown(turn.locator(".turn-cost")), { timeout: 60_000 }).toBe("Turn total: $0.33 (lookups $0.33, model $0.00)");
    await expect(turn.locator(".answer").textContent()).resolves.toMatch(/enrich_phone matched \(charged \$0\.33\):[\s\S]*Pennington/);
    const card = turn.locator("article.toolcard");
    await expect(card.locator("h3").textContent()).resolves.toBe("enrich_phone done");
    await expect(card.locator("dd").first().textContent()).resolves.toBe(`{"phone":"${SEED_PHONE}"}`);
    await expect(card.textContent()).resolves.toMatch(/Result\s*Matched \d+ (person|people): [^.]*Pennington/);
    await expect(card.locator("dd.cost").textContent()).resolves.toBe("$0.33");
    await expect(card.locator("dt:text-is('Provenance') + dd").textContent()).resolves.not.toBe("not given");
    await expect.poll(() => shown(tab.page.locator("#balance"))).toBe("$1.87");
    expect(await balance()).toBe(1.87);
    // The open conversation is in the list and in the URL (an id, not a secret; the bearer never is).
    await expect(tab.page.locator("#convo-list button.open").first().textContent()).resolves.toBe(QUESTION);
    await expect(tab.page.locator("#convo-list li").count()).resolves.toBe(2);
    expect(tab.page.url()).toMatch(/\?conversation=cv_\w{20}$/);
    expect(tab.urls.some((u) => u.includes(bearer))).toBe(false);
    await screenshot(tab.page, "flow-chat-answer");
  });

  it("asks before a lookup above the turn's limit, and runs it for exactly the quoted price when confirmed", async () => {
    await tab.page.getByLabel(/Spend limit for this turn/).fill("0.10");
    await tab.page.getByLabel(/^Message/).fill(QUESTION);
    await tab.page.getByRole("button", { name: "Send" }).click();

    const run = tab.page.getByRole("button", { name: "Run it for $0.33" });
    await expect.poll(() => shown(tab.page.locator("#confirm-box:visible button")), { timeout: 60_000 }).toBe("Run it for $0.33");
    const quoted = assistant().nth(1);
    await expect(quoted.locator(".badge").textContent()).resolves.toBe("waiting for you");
    await expect(quoted.locator(".answer").textContent()).resolves.toContain("Confirm and I will run it");
    expect(await balance()).toBe(1.87);
    await screenshot(tab.page, "flow-chat-confirm");

    await run.click();
    const confirmed = assistant().nth(2);
    await expect.poll(() => shown(confirmed.locator(".turn-cost")), { timeout: 60_000 }).toBe("Turn total: $0.33 (lookups $0.33, model $0.00)");
    await expect(confirmed.locator("dd.cost").textContent()).resolves.toBe("$0.33");
    await expect(tab.page.locator("#confirm-box").isHidden()).resolves.toBe(true);
    expect(await balance()).toBe(1.54);
    await expect.poll(() => shown(tab.page.locator("#balance"))).toBe("$1.54");
  });

  it("resumes a stored conversation after a reload, and deletes it", async () => {
    const id = new URL(tab.page.url()).searchParams.get("conversation")!;
    await open("/enrich_agent");
    await expect(tab.page.locator("#thread li").count()).resolves.toBe(0);
    const item = tab.page.locator(`#convo-list li[data-id="${id}"]`);
    await item.getByRole("button", { name: QUESTION, exact: true }).click();
    // Drawn from the stored turns: three questions (the confirmation is one), three answers.
    await expect.poll(() => tab.page.locator("#thread li").count()).toBe(6);
    await expect(assistant().nth(0).locator(".answer").textContent()).resolves.toContain("Pennington");
    await expect(assistant().nth(0).locator("dd.cost").textContent()).resolves.toBe("$0.33");
    await expect(assistant().nth(1).locator(".badge").textContent()).resolves.toBe("waiting for you");
    await expect(assistant().nth(2).locator(".turn-cost").textContent()).resolves.toContain("$0.33");
    await expect(tab.page.locator("#thread-h").textContent()).resolves.toBe(QUESTION);
    await tab.page.reload({ waitUntil: "networkidle" });
    await expect.poll(() => tab.page.locator("#thread li").count()).toBe(6);
    // The drawn turns (cards, costs, the conversation list) pass the same accessibility rules as the pages.
    await expect(axe(tab.page).then((r) => r.violations)).resolves.toEqual([]);
    await screenshot(tab.page, "flow-chat-resumed");

    await item.getByRole("button", { name: `Delete "${QUESTION}"` }).click();
    await item.waitFor({ state: "detached" });
    await expect(tab.page.locator("#thread li").count()).resolves.toBe(0);
    expect((await apiAs(`/api/v1/agent/conversations/${id}`)).status).toBe(404);
    expect(tab.errors).toEqual([]);
    expect(tab.foreign).toEqual([]);
  });
});

describe("/playground in Chromium", () => {
  it("runs the phone lookup from the balance, then anonymously gets the 402 decoded, and copies the call as curl", async () => {
    await open("/playground");
    await tab.page.locator("#send:enabled").waitFor();
    await expect(tab.page.locator("#op").inputValue()).resolves.toBe("enrichPhone");
    await expect(tab.page.locator("#body").inputValue()).resolves.toContain('"phone"');
    await tab.page.getByLabel(/JSON body/).fill(JSON.stringify({ phone: SEED_PHONE }));
    await expect(tab.page.getByLabel(/With this tab's bearer/).isChecked()).resolves.toBe(true);
    await tab.page.getByRole("button", { name: "Send" }).click();

    await expect.poll(() => shown(tab.page.locator("#res-status strong"))).toBe("200 OK");
    await expect(tab.page.locator("#res-billing").textContent()).resolves.toMatch(/^Billing: charged \$0\.33, balance now \$1\.21/);
    await expect(tab.page.locator("#res-headers th:text-is('X-Request-Id') + td").textContent()).resolves.toMatch(/\S{8,}/);
    await expect(tab.page.locator("#res-body").textContent()).resolves.toContain("Pennington");
    expect(await balance()).toBe(1.21);
    await tab.page.locator("#res-billing").scrollIntoViewIfNeeded();
    await screenshot(tab.page, "flow-playground-paid", false);

    const curl = (await tab.page.locator("#curl").textContent())!;
    expect(curl).toContain(`${baseUrl}/api/v1/enrich/phone`);
    expect(curl).toContain(`-d '{"phone":"${SEED_PHONE}"}'`);
    expect(curl).toContain("Bearer $BEARER_411DATA");
    expect(curl).not.toContain(bearer);
    await tab.page.getByLabel("Include my bearer").check();
    await expect(tab.page.locator("#curl").textContent()).resolves.toContain(`authorization: Bearer ${bearer}`);

    await tab.page.getByLabel(/Anonymously/).check();
    await tab.page.getByRole("button", { name: "Send" }).click();
    await expect.poll(() => shown(tab.page.locator("#res-status strong"))).toBe("402 Payment Required");
    const payment = (await tab.page.locator("#res-payment").textContent())!;
    expect(payment).toContain("Payment required, nothing charged.");
    expect(payment).toMatch(/Amount\$0\.33 \(330000 base units/);
    expect(payment.toLowerCase()).toContain(inject("usdc").toLowerCase());
    expect(payment.toLowerCase()).toContain(inject("payTo").toLowerCase());
    expect(payment).toContain("@x402/fetch");
    await expect(tab.page.locator("#res-billing").isHidden()).resolves.toBe(true);
    await expect(tab.page.locator("#curl").textContent()).resolves.not.toContain("authorization");
    expect(await balance()).toBe(1.21);
    await expect(axe(tab.page).then((r) => r.violations)).resolves.toEqual([]);
    await screenshot(tab.page, "flow-playground-402");
    expect(tab.errors.filter((e) => !e.includes("402"))).toEqual([]);
    expect(tab.foreign).toEqual([]);
  });
});
