import { ApiFailure } from "./api.ts";
import { WalletError } from "./wallet.ts";

// API and wallet errors in words, each with the next thing to do.

export interface Explained {
  text: string;
  next?: { href: string; label: string };
}

const RESTORE = { href: "/connect?action=restore", label: "Restore a saved bearer" };
const RECOVER = { href: "/connect?action=recover", label: "Recover with your wallet" };
const DEPOSIT = { href: "/connect", label: "Top up with a deposit" };

/** "in about 2 hours (after 15:04)" from a Retry-After in seconds. */
export function whenAgain(retryAfter: string | null): string {
  const sec = Number(retryAfter);
  if (!retryAfter || !Number.isFinite(sec) || sec <= 0) return "later";
  const at = new Date(Date.now() + sec * 1000);
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const span =
    sec < 90 ? count(Math.ceil(sec), "second") : sec < 3600 ? count(Math.round(sec / 60), "minute") : sec < 172_800 ? count(Math.round(sec / 3600), "hour") : count(Math.round(sec / 86_400), "day");
  const when = sec < 86_400 ? at.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) : at.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  return `in about ${span} (after ${when})`;
}

export function explain(err: unknown): Explained {
  if (err instanceof WalletError) return { text: err.message };
  if (!(err instanceof ApiFailure)) return { text: `Something went wrong in this page: ${(err as Error)?.message ?? String(err)}` };
  const said = err.message;
  switch (err.code) {
    case "TOKEN_INVALID":
    case "UNAUTHORIZED":
      return { text: `That bearer is not valid (${said}). Check that you pasted all of it, or recover the agent with its wallet.`, next: RECOVER };
    case "TOKEN_REVOKED":
      return { text: `That bearer no longer works: it was rotated, recovered or revoked. Use the newer one.`, next: RESTORE };
    case "TOKEN_EXPIRED":
      return { text: `That key has expired. Create a new usage key with the agent bearer.`, next: { href: "/connect?action=usage-keys", label: "Usage keys" } };
    case "FORBIDDEN":
      return { text: `${said} Usage keys cannot do this: restore the agent bearer (411_…) in this tab.`, next: RESTORE };
    case "WALLET_UNDERFUNDED":
      return { text: `Your wallet needs at least $1 USDC on this chain to mint (it is only checked, never withdrawn). ${said}` };
    case "SIWE_INVALID":
      return { text: `The sign-in signature was refused (${said}). Start again; if it repeats, check your wallet is on the right chain.` };
    case "AGENT_TOKEN_REQUIRED":
      return { text: "This needs an agent. Mint one with your wallet, or restore a saved bearer.", next: RESTORE };
    case "INSUFFICIENT_BALANCE":
      return { text: `Your balance cannot cover this call. ${said}`, next: DEPOSIT };
    case "ALLOWANCE_EXCEEDED":
      return { text: `This payment would go past the USD budget you committed at mint. ${said}` };
    case "PAYMENT_INVALID":
      return { text: `The payment was refused: ${said} Nothing was charged.` };
    case "KEY_CAP_EXCEEDED":
      return { text: `This usage key has reached its spend cap. ${said}`, next: { href: "/connect?action=usage-keys", label: "Usage keys" } };
    case "KEY_SCOPE_DENIED":
      return { text: `This usage key may not call that route. ${said}` };
    case "RATE_LIMITED":
      if (err.details.reason === "recovery_locked") {
        return { text: `Recovery of this agent is locked after ${String(err.details.failed_attempts)} wrong set(s) of answers. Try again ${whenAgain(err.retryAfter)}.` };
      }
    // falls through
    case "QUOTA_EXCEEDED":
      return { text: `Too many requests for now${err.retryAfter ? `; try again in ${err.retryAfter} s` : ""}. ${said}` };
    case "RECOVERY_UNAVAILABLE":
      return { text: `${said} Recovery needs lookups made by the agent in the last 90 days.` };
    case "RECOVERY_ANSWER_WRONG":
      return {
        text:
          `Not enough right answers. The ${typeof err.details.charged_usd === "number" ? `$${err.details.charged_usd.toFixed(2)} ` : ""}fee was paid and is kept, ` +
          `and recovery of this agent is locked: try again ${whenAgain(err.retryAfter)}, with new questions.`,
      };
    case "RECOVERY_CHALLENGE_CLOSED":
      return { text: `These questions are closed (${said}). Start again to get new ones.` };
    case "NOT_FOUND":
      return { text: said };
    case "CHAIN_UNAVAILABLE":
    case "FACILITATOR_UNAVAILABLE":
      return { text: `Payments are unavailable for a moment (${said}). Nothing was charged; try again shortly.` };
    default:
      return { text: said };
  }
}
