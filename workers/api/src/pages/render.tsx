import type { Context } from "hono";
import type { AppEnv } from "../context.ts";
import { Layout } from "./layout.tsx";
import type { Page } from "./page.ts";
import { pageHeaders } from "./security.ts";

const CACHE = { public: "public, max-age=60", "no-store": "no-store" } as const;

/** A page inside the site layout, with the page security headers. */
export async function renderPage(c: Context<AppEnv>, page: Page, status: 200 | 404 = 200): Promise<Response> {
  const body = await page.render(c);
  const html = await (
    <Layout title={page.title} description={page.description} current={c.req.path} script={page.script}>
      {body}
    </Layout>
  ).toString();
  return c.html(`<!doctype html>\n${html}`, status, pageHeaders(CACHE[page.cache ?? "public"]));
}
