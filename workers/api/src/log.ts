// The Worker's own log lines: one JSON object per event, so Workers Logs can index the fields and a
// test can capture console and assert the event it provoked instead of printing it.

export type LogLevel = "error" | "warn";

/** What is safe and useful to log about a thrown value; the stack only when asked for. */
export function errorFields(err: unknown, withStack = false): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: String(err) };
  const code = (err as { code?: unknown }).code;
  return {
    error: err.message,
    error_name: err.name,
    ...(typeof code === "string" ? { error_code: code } : {}),
    ...(withStack && err.stack ? { stack: err.stack } : {}),
  };
}

export function logEvent(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === "error") console.error(line);
  else console.warn(line);
}
