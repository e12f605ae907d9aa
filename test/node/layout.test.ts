import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layout keeps each seam where a test can reach it: routes are doors over services, shapes live
// in schema modules, and Durable Objects take their collaborators from durable-objects/runtime.ts.
// An import across one of these lines compiles fine, so only this test notices it.

const root = path.join(import.meta.dirname, "../..");
const ROUTES = path.join(root, "workers/api/src/routes");
const SERVICES = path.join(root, "workers/api/src/services");
const DURABLE_OBJECTS = path.join(root, "durable-objects");
const RUNTIME = path.join(DURABLE_OBJECTS, "runtime.ts");

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "dist" || name.startsWith(".")) return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts)$/.test(name) && !/\.d\.ts$/.test(name) ? [full] : [];
  });
}

/** Every in-repo module a file imports (static, type-only, re-exports and dynamic), resolved to a path. */
function localImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
  return specifiers.filter((s) => s.startsWith(".")).map((s) => path.resolve(path.dirname(file), s));
}

const within = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);
const rel = (file: string) => path.relative(root, file);

/** `from → to` for every direct import from a file under `dirs` into `forbidden`. */
function crossings(dirs: string[], forbidden: string): string[] {
  return dirs.flatMap(sourceFiles).flatMap((file) =>
    localImports(file)
      .filter((target) => within(target, forbidden))
      .map((target) => `${rel(file)} → ${rel(target)}`),
  );
}

/** Like `crossings`, following relative imports transitively (a DO reaching a service through a helper counts). */
function reachable(dirs: string[], forbidden: string): string[] {
  const found: string[] = [];
  for (const start of dirs.flatMap(sourceFiles)) {
    const seen = new Set<string>([start]);
    const queue: Array<{ file: string; via: string[] }> = [{ file: start, via: [] }];
    while (queue.length > 0) {
      const { file, via } = queue.shift()!;
      for (const target of localImports(file)) {
        if (seen.has(target)) continue;
        seen.add(target);
        const chain = [...via, rel(target)];
        if (within(target, forbidden)) {
          found.push(`${rel(start)} → ${chain.join(" → ")}`);
          continue;
        }
        if (existsSync(target) && statSync(target).isFile()) queue.push({ file: target, via: chain });
      }
    }
  }
  return found;
}

describe("module layout", () => {
  it("finds the folders it guards and the imports between them", () => {
    for (const dir of [ROUTES, SERVICES, DURABLE_OBJECTS]) expect(sourceFiles(dir).length, rel(dir)).toBeGreaterThan(0);
    // The walkers see a crossing that is meant to be there: routes call services.
    expect(crossings([ROUTES], SERVICES).length).toBeGreaterThan(0);
    expect(reachable([ROUTES], SERVICES).length).toBeGreaterThan(0);
  });

  it("services, Durable Objects and packages never import route modules (shared shapes live in workers/api/src/schemas)", () => {
    // The capability registry maps each capability to its route on purpose, so it is not guarded here.
    const packages = readdirSync(path.join(root, "packages")).map((p) => path.join(root, "packages", p));
    expect(crossings([SERVICES, DURABLE_OBJECTS, ...packages], ROUTES)).toEqual([]);
  });

  it("Durable Objects never reach Worker services, directly or through another module (collaborators come from durable-objects/runtime.ts)", () => {
    expect(reachable([DURABLE_OBJECTS], SERVICES)).toEqual([]);
  });

  it("route handlers take their collaborators from the request context (c.var.runtime), never from the runtime module", () => {
    expect(crossings([ROUTES], RUNTIME)).toEqual([]);
  });
});
