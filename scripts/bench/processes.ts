// The product's processes now live in scripts/lib (shared with the client's test setup).
export * from "../lib/processes.ts";
