import { newToken, sha256Hex } from "@411data/core";
import { WINDOW } from "./batch.ts";
import type { IngestedRow } from "./ingest.ts";
import { sendNext } from "./run.ts";
import { insertBatch, type NewBatch } from "./store.ts";

// A paid-for batch becomes its rows in D1 and the first chunks of each lane on the queue. The poll
// bearer is minted here, shown once, and only its hash kept.

export async function createBatch(env: Env, batch: Omit<NewBatch, "poll_hash">, rows: IngestedRow[]): Promise<{ pollBearer: string }> {
  const pollBearer = newToken("jobPoll", batch.id);
  const { statements } = insertBatch(env.DB, { ...batch, poll_hash: await sha256Hex(pollBearer) }, rows);
  await env.DB.batch(statements);
  await sendNext(env, batch.id, "short", WINDOW.short);
  await sendNext(env, batch.id, "long", WINDOW.long);
  return { pollBearer };
}
