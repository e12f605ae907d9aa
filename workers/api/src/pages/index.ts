import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../context.ts";
import type { OpenApiDocument } from "./api-reference.tsx";
import { batchPage } from "./batch.tsx";
import { connect } from "./connect.tsx";
import { cookbook, recipePages } from "./cookbook/index.tsx";
import { developersPage } from "./developers.tsx";
import { enrichAgent } from "./enrich-agent.tsx";
import { home } from "./home.tsx";
import type { Page } from "./page.ts";
import { playground } from "./playground.tsx";
import { quickstart } from "./quickstart.tsx";
import { renderPage } from "./render.tsx";
import { x402 } from "./x402.tsx";

export type { Page } from "./page.ts";
export { renderPage } from "./render.tsx";

/**
 * The human pages, server-rendered by this Worker. Register after every API route: the developer
 * reference reads the app's OpenAPI registry when first asked.
 */
export function registerPages(app: OpenAPIHono<AppEnv>) {
  let openapi: OpenApiDocument | undefined;
  const document = () =>
    (openapi ??= app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "411data", version: "1.0.0" } }) as OpenApiDocument);

  const pages: readonly Page[] = [home, quickstart, connect, batchPage, developersPage(document), x402, cookbook, ...recipePages, enrichAgent, playground];
  for (const page of pages) app.get(page.path, (c) => renderPage(c, page));
  // Browsers ask for it on every page; an empty answer keeps their consoles clean.
  app.get("/favicon.ico", (c) => c.body(null, 204, { "Cache-Control": "public, max-age=86400" }));
}
