import { catalogEntry } from "@411data/core";
import { getAddress, type Hex, parseAbi } from "viem";
import { loadConfig } from "../config.ts";
import { accountOf } from "../services/accounts.ts";
import { completeDeposit, matchPromo } from "../services/billing/deposits.ts";
import { markPayment } from "../services/billing/x402-locks.ts";
import { chainClient } from "../services/chain.ts";
import { sweepOverdueJobs } from "../services/jobs/sweep.ts";

// Closes what post-payment bookkeeping left open when every retry failed: an `exact` payment whose
// lock still says 'locked' long after its request ended (settled or not, the chain knows), a
// settled deposit with no deposits row, a deposit row not yet credited, and async jobs nobody
// polled past their deadline (ended, refunded, their callbacks fired). Every step is idempotent:
// a run that repeats an earlier one changes nothing.

/** An exact authorization lives for minutes; a lock this much older than its last update is stale. */
export const STALE_LOCK_MS = 15 * 60 * 1000;
/** How far back to look for the AuthorizationUsed event of a stale lock (about a day of Base blocks). */
const LOG_LOOKBACK_BLOCKS = 50_000n;
const BATCH = 100;

const usdcAbi = parseAbi([
  "function authorizationState(address authorizer, bytes32 nonce) view returns (bool)",
  "event AuthorizationUsed(address indexed authorizer, bytes32 indexed nonce)",
]);

export interface ReconcileReport {
  locksSettled: number;
  locksFreed: number;
  depositsCompleted: number;
  jobsEnded: number;
  errors: number;
}

export async function reconcile(env: Env, now = Date.now()): Promise<ReconcileReport> {
  const report: ReconcileReport = { locksSettled: 0, locksFreed: 0, depositsCompleted: 0, jobsEnded: 0, errors: 0 };
  await staleExactLocks(env, now, report);
  await unrecordedDeposits(env, report);
  report.jobsEnded = await sweepOverdueJobs(env, now);
  return report;
}

interface LockRow {
  lock_key: string;
  payer: string;
  route: string;
  agent_id: string | null;
  amount_micros: number;
}

/**
 * An `exact` lock still 'locked': the request died, or its record failed after the settlement.
 * The token's own nonce state says which; a used nonce's transaction is found from its event.
 * (Job locks are the job runner's and the sweeper's: a job's `upto` permit lives with the job.)
 */
async function staleExactLocks(env: Env, now: number, report: ReconcileReport): Promise<void> {
  const config = loadConfig(env);
  const { results } = await env.DB.prepare(
    "SELECT lock_key, payer, route, agent_id, amount_micros FROM x402_payments WHERE status = 'locked' AND route != ? AND updated_at < ? LIMIT ?",
  )
    .bind(catalogEntry("enrich.jobs").path, new Date(now - STALE_LOCK_MS).toISOString(), BATCH)
    .all<LockRow>();
  const client = chainClient(config);
  const usdc = getAddress(config.USDC_ADDRESS);
  for (const lock of results) {
    const nonce = lock.lock_key.slice(lock.lock_key.indexOf(":") + 1) as Hex;
    if (!/^0x[0-9a-f]{64}$/i.test(nonce)) continue;
    try {
      const authorizer = getAddress(lock.payer);
      const used = await client.readContract({ address: usdc, abi: usdcAbi, functionName: "authorizationState", args: [authorizer, nonce] });
      if (!used) {
        // Never settled, and too old to be: the authorization expires unused and the draw returns.
        await markPayment(env.DB, lock.lock_key, "unsettled", { agentId: lock.agent_id });
        if (lock.agent_id) await accountOf(env, lock.agent_id).undraw({ ref: lock.lock_key, kept: 0 });
        report.locksFreed++;
        continue;
      }
      const latest = await client.getBlockNumber({ cacheTime: 0 });
      const logs = await client.getLogs({
        address: usdc,
        event: usdcAbi[1],
        args: { authorizer, nonce },
        fromBlock: latest > LOG_LOOKBACK_BLOCKS ? latest - LOG_LOOKBACK_BLOCKS : 0n,
        toBlock: latest,
      });
      const tx = logs[0]?.transactionHash ?? undefined;
      await markPayment(env.DB, lock.lock_key, "settled", { agentId: lock.agent_id, ...(tx ? { txHash: tx } : {}) });
      report.locksSettled++;
    } catch (err) {
      console.warn(`reconcile: lock ${lock.lock_key} left for the next run`, err);
      report.errors++;
    }
  }
}

/** Settled deposit payments with no deposits row, and rows never credited: finished once each. */
async function unrecordedDeposits(env: Env, report: ReconcileReport): Promise<void> {
  const promo = matchPromo(loadConfig(env));
  const { results } = await env.DB.prepare(
    `SELECT p.lock_key, p.payer, p.agent_id, p.amount_micros, p.tx_hash, p.request_id FROM x402_payments p
       LEFT JOIN deposits d ON d.lock_key = p.lock_key
      WHERE p.route = ? AND p.status = 'settled' AND p.tx_hash IS NOT NULL AND p.agent_id IS NOT NULL
        AND (d.tx_hash IS NULL OR d.credited_at IS NULL)
      LIMIT ?`,
  )
    .bind(catalogEntry("agents.deposits").path, BATCH)
    .all<LockRow & { agent_id: string; tx_hash: string; request_id: string }>();
  for (const p of results) {
    try {
      await completeDeposit(
        env,
        { agentId: p.agent_id, lockKey: p.lock_key, payer: p.payer, amount: p.amount_micros, transaction: p.tx_hash.toLowerCase(), requestId: p.request_id },
        promo,
      );
      report.depositsCompleted++;
    } catch (err) {
      console.warn(`reconcile: deposit ${p.tx_hash} left for the next run`, err);
      report.errors++;
    }
  }
}
