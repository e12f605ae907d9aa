export { Client, createClient, mint, type ClientOptions, type MintOptions, type Minted, type WaitOptions } from "./client.ts";
export { ApiError, parseRetryAfter, type ClientErrorCode, type ErrorEnvelope } from "./errors.ts";
export { createPayer, type Payer, type X402Options } from "./payments.ts";
export { backoffMs, type RetryEvent, type RetryOptions } from "./retry.ts";
export { microsToUsd, usdToMicros } from "./money.ts";
export type { Batch, BatchAccepted, BatchList, BatchRoute, BatchUpload } from "./batch-types.ts";
export type { ChatEvent, ChatToolRun, ChatTurn } from "./chat.ts";
export type { Body, components, paths, Query, Result, Schemas } from "./types.ts";
