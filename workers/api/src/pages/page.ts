import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../context.ts";

/**
 * One server-rendered page. A new page is a file exporting one of these, listed in `PAGES`
 * (index.ts); `NAV` (nav.ts) decides whether the site header links to it.
 */
export interface Page {
  /** Hono path pattern, e.g. "/connect". */
  path: string;
  /** The document title (the page writes its own h1). */
  title: string;
  description: string;
  /** A client script built from web/<name>/main.ts, served as /assets/<name>.js. */
  script?: string;
  /** Pages that show account data are never cached; docs are public for a minute. */
  cache?: "public" | "no-store";
  render(c: Context<AppEnv>): Child | Promise<Child>;
}
