import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Screenshots land here (git-ignored), one PNG per page, kept as the run's artifacts. */
export const ARTIFACTS = path.resolve(import.meta.dirname, "../../../artifacts/browser");

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in a container needs --no-sandbox; the rest keeps Chromium off the (closed) network.
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps"],
  });
}

export interface Watched {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Every request the page made to another origin (each one was refused). */
  foreign: string[];
  /** Every URL the page requested. */
  urls: string[];
}

/** A page whose every request outside `origin` is refused and recorded, and whose errors are kept. */
export async function watchedPage(context: BrowserContext, origin: string): Promise<Watched> {
  const page = await context.newPage();
  const watched: Watched = { page, errors: [], foreign: [], urls: [] };
  await page.route("**/*", (route) => {
    const url = route.request().url();
    watched.urls.push(url);
    if (new URL(url).origin === origin || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    watched.foreign.push(url);
    return route.abort("blockedbyclient");
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") watched.errors.push(msg.text());
  });
  page.on("pageerror", (err) => watched.errors.push(String(err)));
  return watched;
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeReport {
  /** "impact rule: help (targets)", one per violated rule. */
  violations: string[];
  passes: number;
}

/** axe-core's WCAG A/AA and best-practice rules on the page as it is now (run over DevTools, so the CSP does not stop it). */
export async function axeReport(page: Page): Promise<AxeReport> {
  await page.evaluate(AXE);
  const axe = (await page.evaluate("axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] })")) as {
    passes: unknown[];
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  return {
    violations: axe.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    passes: axe.passes.length,
  };
}
