export { AgentAccount, type PaidHoldResult } from "./agent-account.ts";
export type { AuthResult, AuthFailure, Principal, PrincipalKind, Profile, UsageKeyView } from "./credentials.ts";
export type { BalanceSnapshot, CreditResult, HoldRequest, HoldResult, ResolveResult } from "./ledger.ts";
export type { DrawReservation, DrawSettlement } from "./batch-hold.ts";
