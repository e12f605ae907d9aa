import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../context.ts";
import { defaultPaymentConfig, type PaymentConfigResolver } from "./catalog-view.ts";
import { registerLlms } from "./llms.ts";
import { registerPricing } from "./pricing.ts";
import { registerResources } from "./resources.ts";
import { registerSkill } from "./skill.ts";
import { registerWellKnown } from "./well-known.ts";

export { bazaarExtension } from "./catalog-view.ts";
export type { PaymentConfigResolver } from "./catalog-view.ts";

export interface DiscoveryOptions {
  /**
   * The payment config to advertise. Defaults to Config's plus the facilitator's upto signer (from
   * its /supported), which lists the jobs route's `upto` offer.
   */
  paymentConfig?: PaymentConfigResolver;
}

export function registerDiscoveryRoutes(app: OpenAPIHono<AppEnv>, options: DiscoveryOptions = {}) {
  const resolve = options.paymentConfig ?? defaultPaymentConfig;
  registerWellKnown(app, resolve);
  registerResources(app, resolve);
  registerPricing(app);
  registerSkill(app, resolve);
  registerLlms(app);
}
