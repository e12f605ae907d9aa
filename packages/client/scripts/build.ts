// Builds dist/: the library (ESM, runs in Node ≥ 20, browsers and Workers; its dependencies stay
// imports), its .d.ts, and the `411data` CLI (Node ≥ 20). Prints the library's size bundled whole
// and minified, as a browser app would ship it.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const pkg = path.resolve(import.meta.dirname, "..");
const dist = path.join(pkg, "dist");
rmSync(dist, { recursive: true, force: true });

await build({
  entryPoints: [path.join(pkg, "src/index.ts")],
  outdir: dist,
  // x402 and viem load on first payment or mint only: their chunk stays apart.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  packages: "external",
  format: "esm",
  platform: "neutral",
  target: "es2022",
  sourcemap: true,
});
await build({
  entryPoints: [path.join(pkg, "src/cli/bin.ts")],
  outfile: path.join(dist, "cli.js"),
  bundle: true,
  packages: "external",
  format: "esm",
  platform: "node",
  target: "node20",
  banner: { js: "#!/usr/bin/env node" },
});
execFileSync(process.execPath, [path.join(pkg, "../../node_modules/typescript/bin/tsc"), "-p", path.join(pkg, "tsconfig.build.json")], { stdio: "inherit" });
// The sources import "./x.ts"; the published declarations sit beside .js files.
for (const file of readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".d.ts"))) {
  const full = path.join(dist, file);
  writeFileSync(full, readFileSync(full, "utf8").replace(/(from\s+["']\.{1,2}\/[^"']+)\.ts(["'])/g, "$1.js$2"));
}

if (process.argv.includes("--size")) {
  // As a browser app's bundler would ship it: everything inlined, minified, split at the lazy imports.
  const whole = await build({
    entryPoints: [path.join(pkg, "src/index.ts")],
    outdir: path.join(pkg, ".size"),
    bundle: true,
    splitting: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const kib = (b: Uint8Array) => `${(b.length / 1024).toFixed(1)} KiB (${(gzipSync(b).length / 1024).toFixed(1)} KiB gzip)`;
  const entry = whole.outputFiles.find((f) => f.path.endsWith("index.js"))!.contents;
  const all = Buffer.concat(whole.outputFiles.map((f) => f.contents));
  console.log(`@411data/client minified: ${kib(entry)} to start; ${kib(all)} with x402 + viem, loaded on the first payment or mint`);
}
console.log(`built ${path.relative(process.cwd(), dist)}: index.js, index.d.ts, cli.js`);
