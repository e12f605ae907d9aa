// A one-line progress bar on a terminal; nothing at all when the stream is not one (pipes, files,
// CI logs), so output that is redirected stays clean.
import type { Batch } from "../batch-types.ts";

export interface Progress {
  update(batch: Batch): void;
  done(): void;
}

export function progressBar(stream: NodeJS.WriteStream = process.stderr, width = 30): Progress {
  if (!stream.isTTY) return { update() {}, done() {} };
  let drawn = false;
  return {
    update(b) {
      const p = b.progress;
      const total = Math.max(1, b.counts.unique);
      const filled = Math.min(width, Math.round((p.done / total) * width));
      const eta = p.eta_seconds === null ? "" : ` eta ${p.eta_seconds}s`;
      const line =
        `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${p.done}/${total} ${p.percent}%` +
        ` matched ${p.matched} no-match ${p.no_match} failed ${p.failed} $${b.billing.charged_usd.toFixed(2)}${eta}`;
      stream.write(`\r\x1b[2K${line}`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\n");
    },
  };
}
