import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CATALOG, type CatalogEntry } from "@411data/core";
import { usdText } from "../../workers/api/src/http/payment-info.ts";
import { CAPABILITIES } from "../../workers/api/src/capabilities/registry.ts";
import { NAV } from "../../workers/api/src/pages/nav.ts";
import { RECIPES } from "../../workers/api/src/pages/cookbook/recipes.tsx";
import { BASE, call } from "./support/http.ts";

// Every human page, fetched as a browser would: server-rendered HTML, the page security headers,
// and nothing loaded from or linked to another origin.

const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const PAGES = [
  "/",
  "/quickstart",
  "/developers",
  "/pricing",
  "/x402",
  "/cookbook",
  ...RECIPES.map((r) => `/cookbook/${r.slug}`),
  "/connect",
  "/connect?action=restore",
  "/connect?action=rotate",
  "/connect?action=usage-keys",
  "/connect?action=recover",
  "/enrich_agent",
  "/playground",
];

async function page(path: string) {
  const res = await call(path, { headers: BROWSER });
  return { res, html: await res.text() };
}

/** Every URL an element of the page would load or link to. */
function urls(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href|action|srcset|poster|data)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
}

describe("pages", () => {
  it.each(PAGES)("%s is HTML with a strict CSP and nothing from another origin", async (path) => {
    const { res, html } = await page(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<h1[\s>]/);

    const csp = res.headers.get("content-security-policy") ?? "";
    const directives = Object.fromEntries(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives["default-src"]).toEqual(["'none'"]);
    expect(directives["script-src"]).toEqual(["'self'"]);
    expect(directives["frame-ancestors"]).toEqual(["'none'"]);
    expect(directives["connect-src"]).toEqual(["'self'"]);
    expect(directives["style-src"]?.every((s: string) => s.startsWith("'sha256-"))).toBe(true);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("set-cookie")).toBeNull();

    // No inline script: a script element only ever names a same-origin file.
    for (const tag of html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? []) {
      expect(tag).toMatch(/^<script\b[^>]*\ssrc="\/assets\/[a-z-]+\.js"[^>]*><\/script>$/);
    }
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    for (const url of urls(html)) expect(url, url).toMatch(/^(\/(?!\/)|#|\?|data:)/);
    expect(html).not.toMatch(/https?:\/\/(?!localhost:8787)/);
  });

  it("the inline stylesheet is the one the CSP hash allows", async () => {
    const { res, html } = await page("/");
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(css));
    const hash = btoa(String.fromCharCode(...new Uint8Array(digest)));
    expect(res.headers.get("content-security-policy")).toContain(`style-src 'sha256-${hash}'`);
  });

  it("links in the site header only to pages that answer", async () => {
    const { html } = await page("/");
    for (const item of NAV) {
      expect(html).toContain(`href="${item.path}"`);
      const linked = await page(item.path);
      expect(linked.res.status, item.path).toBe(200);
      expect(linked.res.headers.get("content-type")).toMatch(/^text\/html/);
    }
  });

  it("the home page shows live prices from the catalog and the three ways in", async () => {
    const { html } = await page("/");
    for (const entry of (CATALOG as readonly CatalogEntry[]).filter((e) => !e.offlineByDefault && e.path.startsWith("/api/v1/enrich/"))) {
      expect(html).toContain(`${entry.method} ${entry.path}`);
    }
    expect(html).toContain(usdText(CATALOG.find((e) => e.id === "enrich.phone")!.price));
    for (const way of ["/connect", "/developers", "/mcp"]) expect(html).toContain(way);
  });

  it("the developer reference documents every operation of /openapi.json", async () => {
    const doc = (await (await call("/openapi.json")).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const { html } = await page("/developers");
    const ops = Object.entries(doc.paths).flatMap(([path, item]) => Object.values(item).map((op) => ({ path, id: op.operationId })));
    expect(ops.length).toBeGreaterThan(20);
    for (const op of ops) {
      expect(html).toContain(`id="${op.id}"`);
      expect(html).toContain(`<code>${op.path}</code>`);
    }
    // Request fields come from the zod schemas: the mint body's fields are listed.
    expect(html).toContain("<code>siwe_signature</code>");
  });

  it("the cookbook lists every recipe, including the x402 spend cap and MCP setup", async () => {
    const { html } = await page("/cookbook");
    for (const r of RECIPES) expect(html).toContain(`href="/cookbook/${r.slug}"`);
    expect((await page("/cookbook/x402_client")).html).toContain("maxAmountPerPayment");
    const mcp = (await page("/cookbook/mcp_client")).html;
    expect(mcp).toContain("mcpServers");
    for (const cap of CAPABILITIES) expect(mcp).toContain(`<code>${cap.tool}</code>`);
  });

  it("/connect renders each action's controls and labels every input", async () => {
    const views: Record<string, string[]> = {
      "": ["mint-form", "budget-on", "wallet-list", "deposit-form", "lookup-form"],
      restore: ["restore-form", "restore-bearer"],
      rotate: ["rotate-submit"],
      "usage-keys": ["key-form", "keys-body"],
      recover: ["recover-start", "wallet-list", "recover-terms", "recover-form", "recover-questions"],
    };
    for (const [action, ids] of Object.entries(views)) {
      const { res, html } = await page(action ? `/connect?action=${action}` : "/connect");
      expect(res.headers.get("cache-control")).toBe("no-store");
      for (const id of ids) expect(html, `${action}: ${id}`).toContain(`id="${id}"`);
      for (const [, id] of html.matchAll(/<input\b[^>]*\sid="([^"]+)"/g)) {
        const wrapped = new RegExp(`<label[^>]*>(?:(?!</label>)[\\s\\S])*id="${id}"`).test(html);
        expect(wrapped || html.includes(`for="${id}"`), `${action}: label for ${id}`).toBe(true);
      }
    }
    expect((await page("/connect?action=nonsense")).html).toContain('id="mint-form"');
    // The recovery terms are on the page before anything is signed: the fee is paid before scoring and kept on a wrong set.
    const terms = (await page("/connect?action=recover")).html.replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
    expect(terms).toContain("The $1.00 USDC fee is paid from that wallet before the answers are checked, and it is not refunded if they are wrong.");
    expect(terms).toContain("A wrong set locks recovery for this agent for 1 hour, doubling after each further wrong set");
  });

  it("/enrich_agent and /playground render their controls, uncached, with labelled inputs and their own scripts", async () => {
    const views: Record<string, { script: string; ids: string[] }> = {
      "/enrich_agent": { script: "chat", ids: ["no-bearer", "bearer-form", "chat-form", "max-spend", "confirm-run", "convo-list", "thread"] },
      "/playground": { script: "playground", ids: ["pg-form", "op", "body", "auth-bearer", "auth-anonymous", "res-payment", "res-billing", "curl"] },
    };
    for (const [path, { script, ids }] of Object.entries(views)) {
      const { res, html } = await page(path);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(html).toContain(`src="/assets/${script}.js"`);
      for (const id of ids) expect(html, `${path}: ${id}`).toContain(`id="${id}"`);
      for (const [, id] of html.matchAll(/<(?:input|textarea|select)\b[^>]*\sid="([^"]+)"/g)) {
        const wrapped = new RegExp(`<label[^>]*>(?:(?!</label>)[\\s\\S])*id="${id}"`).test(html);
        expect(wrapped || html.includes(`for="${id}"`), `${path}: label for ${id}`).toBe(true);
      }
    }
    // The chat page states the turn's price rule from the catalog, and where to get a bearer.
    const chat = (await page("/enrich_agent")).html;
    expect(chat).toContain("model tokens at cost ×1.30");
    expect(chat).toContain('href="/connect"');
    for (const path of ["/", "/quickstart"]) expect((await page(path)).html, path).toContain('href="/enrich_agent"');
    for (const [name, needle] of [["chat", "/api/v1/agent/chat"], ["playground", "/openapi.json"]]) {
      const js = await (await env.ASSETS.fetch(`${BASE}/assets/${name}.js`)).text();
      expect(js).toContain(needle);
      expect(js).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);
    }
  });

  it("the client script is a static asset of the same Worker", async () => {
    const res = await env.ASSETS.fetch(`${BASE}/assets/connect.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    const js = await res.text();
    expect(js).toContain("eip6963:requestProvider");
    expect(js).not.toMatch(/https?:\/\/(?!localhost)[a-z]/i);
  });

  it("/pricing stays JSON for agents, and unknown paths stay JSON 404s", async () => {
    expect((await call("/pricing")).headers.get("content-type")).toMatch(/^application\/json/);
    const missing = await call("/nope", { headers: BROWSER });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("ROUTE_NOT_FOUND");
  });
});
