import type { Principal } from "../../../durable-objects/agent-account/index.ts";
import type { Runtime } from "../../../durable-objects/runtime.ts";
import type { Config } from "./config.ts";

/** What the request log records beyond the HTTP exchange; billing and auth fill it in. */
export interface LogFields {
  agentId?: string;
  keyId?: string;
  priceMicros?: number;
  chargedMicros?: number;
  cogsMicros?: number;
  paymentMode?: string;
  vendorHops?: string[];
  errorCode?: string;
}

export interface AppVariables {
  requestId: string;
  config: Config;
  log: LogFields;
  /** Raw request body text, read once under the size limit. */
  rawBody: string | undefined;
  /** Set by requireBearer: who is calling. */
  principal: Principal;
  /** The request's collaborators (vendor clients, facilitator, summarizer), set first by createApp. */
  runtime: Runtime;
}

export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}
