import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { axe, launch, screenshot, watchedPage } from "./support/browser.ts";

// Every page in real Chromium: it renders, logs no error, asks nothing of another origin, passes
// axe-core's WCAG A/AA rules, and leaves a full-page screenshot under artifacts/browser/.

const PAGES: [name: string, path: string][] = [
  ["home", "/"],
  ["quickstart", "/quickstart"],
  ["developers", "/developers"],
  ["pricing", "/pricing"],
  ["x402", "/x402"],
  ["cookbook", "/cookbook"],
  ["cookbook-x402-client", "/cookbook/x402_client"],
  ["connect", "/connect"],
  ["connect-restore", "/connect?action=restore"],
  ["connect-rotate", "/connect?action=rotate"],
  ["connect-usage-keys", "/connect?action=usage-keys"],
  ["connect-recover", "/connect?action=recover"],
  ["enrich-agent", "/enrich_agent"],
  ["playground", "/playground"],
  ["batch", "/batch"],
];

const baseUrl = inject("baseUrl");
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

describe("every page in Chromium", () => {
  it.each(PAGES)("%s (%s)", async (name, path) => {
    const { page, errors, foreign } = await watchedPage(context, baseUrl);
    const res = await page.goto(`${baseUrl}${path}`, { waitUntil: "networkidle" });
    expect(res?.status()).toBe(200);
    await expect(page.locator("h1").first().textContent()).resolves.toBeTruthy();
    // The connect script finished its start-up (wallet discovery falls back after 400 ms).
    if (path.startsWith("/connect")) await page.waitForTimeout(600);
    // The playground has read /openapi.json and filled its operation list.
    if (path === "/playground") await page.locator("#send:enabled").waitFor();

    const report = await axe(page);
    expect(report.violations).toEqual([]);
    expect(report.passes).toBeGreaterThan(10);

    await screenshot(page, name);
    if (name === "developers") {
      // The reference is long: keep one screen of it as well.
      await page.locator("#walletRegister").scrollIntoViewIfNeeded();
      await screenshot(page, "developers-reference", false);
    }

    // Keyboard: the first Tab lands on the skip link, which leads to the main content.
    await page.keyboard.press("Tab");
    await expect(page.evaluate("document.activeElement?.textContent?.trim()")).resolves.toBe("Skip to content");

    expect(errors).toEqual([]);
    expect(foreign).toEqual([]);
    await page.close();
  });
});
