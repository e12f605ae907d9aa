import { vi } from "vitest";

// The Worker logs through console (workers/api/src/log.ts). Tests run it in their own isolate, so
// setup/capture-logs.ts holds console.error/warn for every test: lines a test provokes on purpose
// are kept here for it to assert, and printed only when that test fails.

export interface CapturedLine {
  level: "error" | "warn";
  text: string;
  /** The parsed JSON line, when the Worker's logger wrote it. */
  event: Record<string, unknown> | null;
}

const lines: CapturedLine[] = [];

function record(level: CapturedLine["level"], args: unknown[]) {
  const text = args.map((a) => (typeof a === "string" ? a : a instanceof Error ? (a.stack ?? a.message) : JSON.stringify(a))).join(" ");
  let event: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") event = parsed as Record<string, unknown>;
  } catch {
    // a plain-text line
  }
  lines.push({ level, text, event });
}

export function installLogCapture(): void {
  vi.spyOn(console, "error").mockImplementation((...args) => record("error", args));
  vi.spyOn(console, "warn").mockImplementation((...args) => record("warn", args));
}

/** Lines captured since the current test started. */
export function capturedLogs(): readonly CapturedLine[] {
  return lines;
}

/** The structured events captured so far, optionally only those named `event`. */
export function loggedEvents(event?: string): Record<string, unknown>[] {
  return lines.flatMap((l) => (l.event && (event === undefined || l.event.event === event) ? [l.event] : []));
}

export function resetCapturedLogs(): CapturedLine[] {
  return lines.splice(0, lines.length);
}
