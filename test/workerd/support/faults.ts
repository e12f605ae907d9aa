import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createApp } from "../../../workers/api/src/app.ts";

// Fault injection at one step: the real Worker app on the real bindings, with one D1 statement made
// to fail. Everything else (the Durable Objects, the chain, the facilitator) is the real thing.

const app = createApp();

export interface FailingDb {
  db: D1Database;
  /** How many statements were refused. */
  refused(): number;
}

/** The test D1, refusing every statement whose SQL matches `pattern` (as D1 does when it is overloaded). */
export function failingDb(pattern: RegExp, base: D1Database = env.DB): FailingDb {
  let refused = 0;
  const db = new Proxy(base, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          if (pattern.test(sql)) {
            refused++;
            // D1 reports errors when a statement runs, so the refusal comes at run/first/all time.
            const boom = () => Promise.reject(new Error("D1_ERROR: Network connection lost (fault injection)"));
            const stmt = { bind: () => stmt, run: boom, first: boom, all: boom, raw: boom };
            return stmt;
          }
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, refused: () => refused };
}

/** One request through the Worker app with some bindings replaced; background work is awaited. */
export async function fetchWith(overrides: Partial<Env>, req: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(req, { ...env, ...overrides } as Env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export interface HeldDb {
  db: D1Database;
  /** How many statements are waiting for release(). */
  held(): number;
  release(): void;
}

/** The test D1, holding every statement whose SQL matches `pattern` until release() (a slow D1). */
export function heldDb(pattern: RegExp, base: D1Database = env.DB): HeldDb {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let held = 0;
  const hold = <T>(run: () => Promise<T>) => {
    held++;
    return gate.then(run);
  };
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement =>
    ({
      bind: (...values: unknown[]) => wrap(stmt.bind(...values)),
      run: () => hold(() => stmt.run()),
      first: (column?: string) => hold(() => (column === undefined ? stmt.first() : stmt.first(column))),
      all: () => hold(() => stmt.all()),
      raw: () => hold(() => stmt.raw()),
    }) as unknown as D1PreparedStatement;
  const db = new Proxy(base, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => (pattern.test(sql) ? wrap(target.prepare(sql)) : target.prepare(sql));
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, held: () => held, release: () => open() };
}

/** One request through the Worker app with some bindings replaced; its background work is returned, not awaited. */
export async function fetchLeavingBackground(overrides: Partial<Env>, req: Request): Promise<{ res: Response; background: () => Promise<void> }> {
  const ctx = createExecutionContext();
  const res = await app.fetch(req, { ...env, ...overrides } as Env, ctx);
  return { res, background: () => waitOnExecutionContext(ctx) };
}
