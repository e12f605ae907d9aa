import { beforeAll, beforeEach } from "vitest";
import { installLogCapture, resetCapturedLogs } from "../workerd/support/logs.ts";

// Expected error logs (a vendor down on purpose, a queue retry) are captured, not printed, so the
// run shows failures; a failing test prints what it captured, since that is when it helps.
beforeAll(() => installLogCapture());
beforeEach((ctx) => {
  resetCapturedLogs();
  ctx.onTestFailed(() => {
    for (const line of resetCapturedLogs()) process.stderr.write(`[captured ${line.level}] ${line.text}\n`);
  });
});
