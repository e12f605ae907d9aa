import type { Hono } from "hono";

// A known path asked with a method it does not serve is a 405 with `Allow`, not a 404: the caller
// has the right URL and only needs the method. Derived from the app's own route table, so every
// route (whoever registers it) counts without a second list.

interface RouteEntry {
  method: string;
  path: string;
}

function patternOf(path: string): RegExp {
  const segments = path.split("/").map((segment) => {
    if (segment === "*") return ".*";
    if (segment.startsWith(":")) return "[^/]+";
    return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  return new RegExp(`^${segments.join("/")}$`);
}

/** The methods that serve `path` (HEAD beside GET, as Hono answers it), or [] for an unknown path. */
export function allowedMethods(app: Pick<Hono, "routes">): (path: string) => string[] {
  let seen = -1;
  let table: { pattern: RegExp; method: string }[] = [];
  return (path) => {
    // Routes may be added after the app is built (tests add probes): rebuild when the table grew.
    if (seen !== app.routes.length) {
      seen = app.routes.length;
      table = (app.routes as RouteEntry[])
        // "ALL" entries are middleware (`app.use`), which serve no method of their own.
        .filter((r) => r.method !== "ALL")
        .map((r) => ({ pattern: patternOf(r.path), method: r.method.toUpperCase() }));
    }
    const methods = new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}
