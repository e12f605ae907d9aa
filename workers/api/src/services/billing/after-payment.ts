// Bookkeeping that runs after money moved (a capture, a settlement): it must never turn the paid
// answer into an error. A step that fails is retried off the response path (waitUntil); what still
// fails is left to the reconciler (scheduled/reconcile.ts), which rebuilds it from the ledger, the
// payment locks and the chain.

const RETRY_DELAYS_MS = [250, 1_000, 4_000];

export interface AfterPaymentContext {
  waitUntil(promise: Promise<unknown>): void;
}

/** Runs `step` now; on failure logs, retries it in the background and answers false. Never throws. */
export async function afterPayment(ctx: AfterPaymentContext | null, what: string, step: () => Promise<unknown>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (err) {
    console.warn(`${what}: failed after money moved; retrying off the response path`, err);
    const retry = async () => {
      for (const delay of RETRY_DELAYS_MS) {
        await new Promise((r) => setTimeout(r, delay));
        try {
          await step();
          return;
        } catch (again) {
          err = again;
        }
      }
      console.error(`${what}: still failing; left to the reconciler`, err);
    };
    try {
      ctx?.waitUntil(retry());
    } catch {
      // No execution context (a test calling a service directly): the reconciler closes it.
    }
    return false;
  }
}

/**
 * afterPayment that the answer does not wait for: the first attempt is sent now, and it and its
 * retries finish after the response. Only for a step whose loss is repaired without the caller:
 * a payment record the reconciler rebuilds from the chain, a capture whose hold expires back to the
 * balance. With no execution context it runs inline, as afterPayment does.
 */
export async function afterResponse(ctx: AfterPaymentContext | null, what: string, step: () => Promise<unknown>): Promise<void> {
  const running = afterPayment(ctx, what, step);
  if (ctx) {
    try {
      ctx.waitUntil(running);
      return;
    } catch {
      // No live context after all: the answer waits for it instead.
    }
  }
  await running;
}

/** The execution context of a Hono request, or null where there is none. */
export function executionOf(c: { readonly executionCtx: AfterPaymentContext }): AfterPaymentContext | null {
  try {
    return c.executionCtx;
  } catch {
    return null;
  }
}
