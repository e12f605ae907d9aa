// Regenerates src/generated/openapi.ts from the server's OpenAPI document. The server's modules
// include JSX (the pages), which Node's type stripping does not read, so the spec dumper is bundled
// with esbuild (the project's own web build tool) and run from a temporary file.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

// Inside the package, so the bundle's bare imports resolve from its node_modules.
const cache = path.join(import.meta.dirname, "../node_modules/.cache");
mkdirSync(cache, { recursive: true });
const dir = mkdtempSync(path.join(cache, "spec-"));
try {
  const outfile = path.join(dir, "spec.mjs");
  await build({
    entryPoints: [path.join(import.meta.dirname, "spec.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    // spec.ts finds the repository from its own folder, not the temporary one.
    define: { "import.meta.dirname": JSON.stringify(import.meta.dirname) },
    logLevel: "warning",
  });
  const { dumpSpec, renderTypes, TYPES_FILE } = (await import(pathToFileURL(outfile).href)) as typeof import("./spec.ts");
  writeFileSync(TYPES_FILE, await renderTypes(await dumpSpec()));
  console.log(`wrote ${TYPES_FILE}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
