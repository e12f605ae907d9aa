import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { registerCallbacks } from "./callbacks.ts";
import { registerDeposits } from "./deposits.ts";
import { registerMe } from "./me.ts";
import { registerRequests } from "./requests.ts";
import { registerToken } from "./token.ts";
import { registerUsageKeys } from "./usage-keys.ts";
import { registerWalletNonce } from "./wallet-nonce.ts";
import { registerWalletRecover } from "./wallet-recover.ts";
import { registerWalletRegister } from "./wallet-register.ts";

export function registerAgentRoutes(app: OpenAPIHono<AppEnv>) {
  registerWalletNonce(app);
  registerWalletRegister(app);
  registerWalletRecover(app);
  registerMe(app);
  registerToken(app);
  registerUsageKeys(app);
  registerRequests(app);
  registerDeposits(app);
  registerCallbacks(app);
}
