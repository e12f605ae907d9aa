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
  outfile: path.join(dist, "index.js"),
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
  const whole = await build({
    entryPoints: [path.join(pkg, "src/index.ts")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
  });
  const bytes = whole.outputFiles[0]!.contents;
  const own = Object.entries(whole.metafile.outputs)[0]![1].inputs;
  const ownBytes = Object.entries(own).filter(([f]) => f.startsWith("src/") || f.includes("packages/client/src")).reduce((n, [, v]) => n + v.bytesInOutput, 0);
  console.log(`@411data/client bundled with its dependencies, minified: ${(bytes.length / 1024).toFixed(1)} KiB (${(gzipSync(bytes).length / 1024).toFixed(1)} KiB gzip); the client's own code: ${(ownBytes / 1024).toFixed(1)} KiB`);
}
console.log(`built ${path.relative(process.cwd(), dist)}: index.js, index.d.ts, cli.js`);
