// The product's own API, same origin, bearer in a header (never a cookie, never a URL).

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryAfter: string | null,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface CallOptions {
  method?: string;
  body?: unknown;
  bearer?: string | null;
  headers?: Record<string, string>;
}

export async function call(path: string, opts: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  return fetch(path, {
    method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
    headers,
    body: opts.body === undefined ? null : JSON.stringify(opts.body),
    credentials: "omit",
    cache: "no-store",
  });
}

export async function failureOf(res: Response): Promise<ApiFailure> {
  const body = (await res.json().catch(() => null)) as Partial<ErrorBody> | null;
  return new ApiFailure(
    res.status,
    body?.error?.code ?? `HTTP_${res.status}`,
    body?.error?.message ?? `The server answered ${res.status}.`,
    res.headers.get("retry-after"),
    typeof body?.error?.details === "object" && body.error.details !== null ? (body.error.details as Record<string, unknown>) : {},
  );
}

/** JSON of a 2xx answer; anything else throws an ApiFailure. */
export async function api<T>(path: string, opts: CallOptions = {}): Promise<T> {
  const res = await call(path, opts);
  if (!res.ok) throw await failureOf(res);
  return (await res.json()) as T;
}
