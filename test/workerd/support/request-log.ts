import type { RequestLogRow } from "../../../workers/api/src/services/request-log.ts";

/** A request-log row with every optional field empty, for suites that store or queue one directly. */
export function logRow(id: string, overrides: Partial<RequestLogRow> = {}): RequestLogRow {
  return {
    id,
    created_at: new Date().toISOString(),
    method: "GET",
    path: "/x",
    route: "/x",
    status: 200,
    agent_id: null,
    key_id: null,
    client_ip_hash: null,
    request_headers: "{}",
    request_body: null,
    response_body: null,
    latency_ms: 0,
    price_micros: null,
    charged_micros: null,
    cogs_micros: null,
    payment_mode: null,
    vendor_hops: null,
    error_code: null,
    ...overrides,
  };
}
