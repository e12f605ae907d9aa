import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mintFundedAgent } from "../../scripts/bench/agents.ts";
import { launch, screenshot, watchedPage } from "./support/browser.ts";

// /batch in Chromium against the running product: the sample CSV is checked (a dry run: counts,
// estimate, nothing held), confirmed, followed to the end, and its results downloaded.

const baseUrl = inject("baseUrl");
const SAMPLE = path.resolve(import.meta.dirname, "../../examples/leads-sample.csv");

let browser: Browser;
let context: BrowserContext;
let token = "";

beforeAll(async () => {
  const chain = { rpcUrl: inject("rpcUrl"), chainId: inject("chainId"), usdc: inject("usdc"), payTo: inject("payTo"), facilitator: { address: "", privateKey: "" } };
  token = (await mintFundedAgent(baseUrl, chain, inject("operatorSecret"), "50", 201)).token;
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
});
afterAll(async () => {
  await browser?.close();
});

const balance = async () =>
  ((await (await fetch(`${baseUrl}/api/v1/agents/balance`, { headers: { authorization: `Bearer ${token}` } })).json()) as { virtual_balance_usd: number }).virtual_balance_usd;

describe("/batch in Chromium", () => {
  it("checks the sample, runs it, shows progress to the end and downloads the results CSV", async () => {
    const { page, errors, foreign } = await watchedPage(context, baseUrl);
    const before = await balance();
    await page.goto(`${baseUrl}/batch`, { waitUntil: "networkidle" });
    await page.getByLabel(/Agent bearer/).fill(token);
    await page.getByLabel("CSV file").setInputFiles(SAMPLE);
    await page.getByLabel("What each row runs").selectOption("enrich/phone");
    await page.getByRole("button", { name: "Check the file" }).click();
    await page.locator("#preview").waitFor({ state: "visible" });
    await expect(page.locator("#pv-rows").textContent()).resolves.toBe("41 rows: 40 will run, 1 duplicates, 0 invalid");
    await expect(page.locator("#pv-routes").textContent()).resolves.toBe("40 × enrich/phone");
    await expect(page.locator("#pv-estimate").textContent()).resolves.toBe("$13.20");
    // Checking holds nothing.
    expect(await balance()).toBe(before);
    await screenshot(page, "batch-preview");

    await page.getByRole("button", { name: "Run the batch" }).click();
    await page.locator("#download-csv:not([disabled])").waitFor({ timeout: 60_000 });
    await expect(page.locator("#status").textContent()).resolves.toMatch(/completed/);
    await expect(page.locator("#bar").getAttribute("value")).resolves.toBe("100");
    const text = (await page.locator("#progress-text").textContent())!;
    const matched = Number(/\((\d+) matched/.exec(text)![1]);
    expect(matched).toBeGreaterThan(0);
    expect(await balance()).toBeCloseTo(before - matched * 0.33);
    await screenshot(page, "batch-done");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download results.csv" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^eb_\w+-results\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(42);
    expect(lines[0]).toMatch(/^Contact ID,First Name,Last Name,Phone,Email,City,State,Zip,enrich_line,enrich_status/);
    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
