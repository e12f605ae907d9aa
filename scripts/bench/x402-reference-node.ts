// The reference x402 server (x402-reference.ts) on Node, for the benchmark's side by side:
//   node scripts/bench/x402-reference-node.ts   with PORT, CHAIN_RPC_URL, CHAIN_ID, USDC_ADDRESS,
//                                               PAY_TO_ADDRESS, FACILITATOR_PRIVATE_KEY, NONCE_MANAGER=1
import { serve } from "@hono/node-server";
import { type ReferenceConfig, referenceApp } from "./x402-reference.ts";

const env = process.env as unknown as ReferenceConfig & { PORT: string };
serve({ fetch: referenceApp(env).fetch, port: Number(env.PORT), hostname: "127.0.0.1" }, (info) => console.log(`listening on ${info.port}`));
