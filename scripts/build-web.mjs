// Builds the pages' client scripts: web/<name>/main.ts → dist/web/assets/<name>.js, served as
// Workers static assets (wrangler.jsonc `assets`). Run by `wrangler dev`/`deploy` (`build.command`)
// and by the test config before the suites start, so every way of running the Worker has them.
// Plain JavaScript: wrangler runs it with whatever `node` is first on PATH (Node 20 included).
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WEB_OUT = path.join(root, "dist/web");

/** @returns {Promise<string[]>} the names built */
export async function buildWeb() {
  const web = path.join(root, "web");
  const names = readdirSync(web).filter((name) => existsSync(path.join(web, name, "main.ts")));
  await build({
    entryPoints: Object.fromEntries(names.map((name) => [name, path.join(web, name, "main.ts")])),
    outdir: path.join(WEB_OUT, "assets"),
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
  return names;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const names = await buildWeb();
  console.log(`web: built ${names.map((n) => `/assets/${n}.js`).join(", ")}`);
}
