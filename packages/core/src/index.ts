export * from "./money.ts";
export * from "./ids.ts";
export * from "./hash.ts";
export * from "./errors.ts";
export * from "./prices.ts";
export * from "./schemas.ts";
export * from "./callback-signature.ts";
export * from "./error-actions.ts";
