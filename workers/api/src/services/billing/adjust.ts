import { ApiError, type Micros, toUsd } from "@411data/core";
import { accountOf } from "../accounts.ts";

// Manual balance corrections by an operator. Both directions are ordinary ledger entries on the
// agent's own account, referenced by the request id so the request log explains them.

export interface Adjustment {
  amount: Micros;
  direction: "credit" | "debit";
  memo: string;
  requestId: string;
}

export async function adjustBalance(env: Env, agentId: string, adj: Adjustment) {
  const stub = accountOf(env, agentId);
  // getByName would create an empty account for any id; only real agents are adjusted.
  if (!(await stub.account())) throw new ApiError("NOT_FOUND", `no agent ${agentId}`);
  const ref = `operator:${adj.requestId}`;
  const memo = `operator ${adj.direction}: ${adj.memo}`;

  let available: Micros;
  if (adj.direction === "credit") {
    const credited = await stub.credit({ amount: adj.amount, ref, memo });
    if (!credited.ok) throw new ApiError("VALIDATION_FAILED", "amount_usd must be above 0");
    available = credited.balance.available;
  } else {
    // The ledger has no bare debit: a hold captured in full is one, and it cannot overdraw.
    const held = await stub.hold({ amount: adj.amount, ttlSec: 60, ref });
    if (!held.ok) {
      throw new ApiError("CONFLICT", "the debit is more than the agent's available balance", {
        details: { available_usd: toUsd(held.balance.available), amount_usd: toUsd(adj.amount) },
      });
    }
    const captured = await stub.capture({ holdId: held.holdId, amount: adj.amount, memo });
    if (!captured.ok) throw new ApiError("INTERNAL_ERROR", `debit hold could not be captured (${captured.code})`);
    available = captured.balance.available;
  }
  return { agent_id: agentId, direction: adj.direction, amount_usd: toUsd(adj.amount), memo: adj.memo, virtual_balance_usd: toUsd(available) };
}
