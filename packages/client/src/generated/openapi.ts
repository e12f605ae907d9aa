// Generated from the API's /openapi.json by `pnpm --filter @411data/client generate`. Do not edit:
// packages/client/test/types-drift.test.ts fails when this file and the spec disagree.
/* eslint-disable */
export interface paths {
    "/.well-known/x402": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every paid resource, its price and the x402 payment it accepts (advisory; the 402 is authoritative) */
        get: operations["wellKnownX402"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agent/chat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * One turn with the hosted enrich agent, streamed as Server-Sent Events
         * @description The agent picks tools from the message (the same capabilities as the API and the MCP server) and runs them on your balance, each billed like its route. A paid call that would hold more than `max_spend_usd` in this turn is not run: the turn ends asking for confirmation, and `{conversation_id, confirm: true}` runs it. The stream is the AI SDK UI message stream; its last `data-turn` event carries the turn's billing (model tokens at cost ×1.30, see /pricing).
         */
        post: operations["agentChat"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agent/conversations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your conversations with the enrich agent, most recent first */
        get: operations["listConversations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agent/conversations/{conversation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One conversation: every turn with its tools, results and cost */
        get: operations["getConversation"];
        put?: never;
        post?: never;
        /** Delete a conversation and its messages */
        delete: operations["deleteConversation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/balance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Virtual balance, in-flight holds, allowance and drawn (and the calling usage key's cap) */
        get: operations["agentBalance"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/callbacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Active callback subscriptions (never their secrets) */
        get: operations["listCallbacks"];
        put?: never;
        /**
         * Subscribe a URL to events (at most 10); its signing secret is shown once
         * @description Each delivery is a POST of the event JSON with `X-411-Event`, `X-411-Delivery` (delivery id) and `X-411-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(signing_secret, "<t>.<raw body>")>`; verify it with `verifyCallbackSignature` from @411data/core and refuse timestamps older than 5 minutes. Answer 2xx within 10 s; anything else (a redirect too: it is not followed) is retried with backoff. Delivery is at least once: dedupe on the body's `id`.
         */
        post: operations["createCallback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/callbacks/{callback_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a subscription; nothing more is sent to it */
        delete: operations["deleteCallback"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/callbacks/{callback_id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent deliveries to a subscription, newest first: status, attempts, last answer */
        get: operations["listCallbackDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/deposits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Top up the virtual balance with an x402 payment (the amount you choose)
         * @description Without PAYMENT-SIGNATURE: 402 PAYMENT_REQUIRED whose accepts[] is an `exact` USDC requirement for exactly amount_usd. Retry with the signed authorization: it is settled and credited to the agent's balance.
         */
        post: operations["createDeposit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who this bearer is: agent, wallets, allowance and what x402 has drawn from it */
        get: operations["agentMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your stored calls, newest first: request, response and cost (a usage key sees its own) */
        get: operations["listRequests"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/token/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm a saved bearer still works: same agent, no rotation */
        post: operations["restoreToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/token/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Swap the agent bearer for a new one; the old bearer stops at once */
        post: operations["rotateToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/usage-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List usage keys (never their secrets) */
        get: operations["listUsageKeys"];
        put?: never;
        /** Mint a usage key with a spend cap (and optional route scope and expiry) */
        post: operations["createUsageKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/usage-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a usage key; it stops at once */
        delete: operations["revokeUsageKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/wallet-nonce": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Get a single-use SIWE message (and optional budget commitment) to sign */
        post: operations["walletNonce"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/wallet-recover/challenge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Lost bearer: prove the wallet (SIWE) and get questions from the agent's own lookup history */
        post: operations["walletRecoverChallenge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/wallet-recover/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Wallet recovery fee (non-refundable): rotates a lost bearer ($1.00 per call)
         * @description Without PAYMENT-SIGNATURE the answer is always a 402 with the x402 envelope, right or wrong; the retry must be paid by the agent's linked wallet. The answers are scored only after the fee is settled, and the challenge is spent either way. Enough right answers: agent id, balance and wallet stay, the bearer is replaced, every usage key is revoked and `account.recovery_completed` subscribers are told. Too few: the fee is kept and recovery is locked for 1 h, doubling with each further failure.
         */
        post: operations["walletRecoverComplete"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/agents/wallet-register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mint (or re-mint) the agent bound to a wallet from a signed SIWE message */
        post: operations["walletRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The agent's batches, newest first (free) */
        get: operations["listEnrichBatches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batch/{batch_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A batch's status and progress (free): done, matched, no match, failed, remaining, spend so far, ETA
         * @description Authorize with the batch's `poll_bearer` (411j_…) or the owning agent's bearer; any other bearer gets 404.
         */
        get: operations["getEnrichBatch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batch/{batch_id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a batch (free): rows not started are never run or billed; rows running finish
         * @description Authorize with the poll bearer or the owning agent's bearer. Cancelling an ended batch changes nothing.
         */
        post: operations["cancelEnrichBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batch/{batch_id}/results.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Results as CSV (free): the input columns, then enrich_line, enrich_status, enrich_route, enrich_matched, enrich_cost_usd, enrich_error_code, enrich_error, enrich_result_json; partial while running */
        get: operations["getEnrichBatchResultsCsv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batch/{batch_id}/results.jsonl": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Results as JSON Lines (free): one object per input row with its outcome and the sync route's answer */
        get: operations["getEnrichBatchResultsJsonl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/batch/enrich/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload a CSV (≤ 10,000 rows, 10 MB): every row enriched on the queue, billed on match like its route
         * @description Send the file as `text/csv` (options as query parameters) or `multipart/form-data` (field `file`, options as fields). Rows are validated with their route's own schema and deduped by contact_id, then lower-cased email, then E.164 phone. `bill_up_to_usd` (default: the most the runnable rows can cost) is held from the balance; each matched row is captured from the hold at its route's price and the rest released when the batch ends. Poll `GET /api/v1/batch/{batch_id}` with the poll bearer.
         */
        post: operations["uploadEnrichBatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrich/company": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Company firmographics (catalog tier) ($0.25 per match (no match, no charge))
         * @description Offline: answers 503 ROUTE_OFFLINE (nothing charged) until enabled.
         */
        post: operations["enrichCompany"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrich/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Email enrichment (catalog tier) ($0.10 per match (no match, no charge))
         * @description Offline: answers 503 ROUTE_OFFLINE (nothing charged) until enabled.
         */
        post: operations["enrichEmail"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrich/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Async websearch or lead-session job, billed up to a ceiling and trued up on completion (bill up to $1.50 by default (you may set $0.05–$50.00); actual cost settled, rest refunded, $0 on no match)
         * @description With a bearer, `bill_up_to_usd` is held from the virtual balance; the actual cost is captured when the job completes and the rest refunded (all of it on a no-match or failure). Without one, or when the balance is short, the 402 offers x402 `upto` (Permit2); the retry with PAYMENT-SIGNATURE is settled for the actual cost after the job ($0 on no-match). Poll GET /api/v1/enrich/jobs/{job_id} with the `poll_bearer` (free).
         */
        post: operations["submitEnrichJob"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrich/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Poll an async enrich job (free): status, billing, the result once completed, or the error
         * @description Authorize with the job's `poll_bearer` (411j_…) or the owning agent's bearer. Any other bearer gets 404, as for a job that does not exist.
         */
        get: operations["getEnrichJob"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrich/lead-session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Agentic multi-tool enrichment of one CRM lead into a lead_enrichment_v1 graph ($1.50 minimum per match; research that costs more is billed at cost plus margin, never above your ceiling (default $2.00, up to $50.00))
         * @description Starts a session from a free-form `lead`, or continues an interactive one with `session_id` + `prompt`. The balance path holds the budget and captures the session charge; the x402 path pays the $1.50 base per turn, which then caps the turn.
         */
        post: operations["enrichLeadSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrich/person": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Person lookup by name and location, phone, or address ($0.50 per match (no match, no charge)) */
        post: operations["enrichPerson"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrich/phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reverse phone lookup: the people, emails and addresses behind a number ($0.33 per match (no match, no charge)) */
        post: operations["enrichPhone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/enrich/websearch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** LLM web research on a business: phones, people, addresses, legal associates, sources ($1.00 minimum per match; research that costs more is billed at cost plus margin, never above your ceiling (default $1.00, up to $20.00)) */
        post: operations["enrichWebsearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/leads/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Search leads by filters, cursor-paginated (catalog tier) ($0.05 per call)
         * @description Offline: answers 503 ROUTE_OFFLINE (nothing charged) until enabled.
         */
        post: operations["leadsSearch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your support tickets, newest first: status, the operator's reply, the credit of a confirmed bug
         * @description A usage key sees the tickets it opened; the agent bearer sees all of the agent's. Free.
         */
        get: operations["listSupportTickets"];
        put?: never;
        /** Open a support ticket; a confirmed bug earns a $1.00 credit ($0.01 per call) */
        post: operations["createSupportTicket"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/support/tickets/{ticket_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of your support tickets: status, the operator's reply, the credit of a confirmed bug */
        get: operations["getSupportTicket"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/discovery/resources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bazaar discovery list: the sync paid routes, and async jobs as a separate `upto` resource */
        get: operations["discoveryResources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: answers without touching storage */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/llms.txt": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** llms.txt index: what the API does, how to pay, links and every paid route with its price */
        get: operations["llmsTxt"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pricing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Live prices from the catalog: JSON, or an HTML table when Accept prefers text/html */
        get: operations["pricing"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/skill.md": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Agent guide in Markdown: minting, billing, x402 client setup, jobs, callbacks, every route, every error code with its next action */
        get: operations["skillGuide"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Agent: {
            agent_id: string;
            allowance_usd: number | null;
            created_at: string;
            drawn_usd: number;
            key_id: string | null;
            /** @enum {string} */
            key_kind: "agent" | "usage_key";
            wallets: string[];
        };
        Balance: {
            agent_id: string;
            allowance_usd: number | null;
            drawn_usd: number;
            held_usd: number;
            usage_key: {
                key_id: string;
                spend_cap_usd: number;
                spent_usd: number;
            } | null;
            virtual_balance_usd: number;
        };
        Batch: {
            batch_id: string;
            billing: {
                bill_up_to_usd: number;
                /** @description the sum of matched rows' charges so far */
                charged_usd: number;
                estimate_usd: number;
                x402_transaction: string | null;
            };
            /** @enum {string} */
            billing_mode: "virtual_balance" | "x402_upto";
            cancel_requested_at: string | null;
            columns: string[];
            counts: {
                duplicates: number;
                invalid: number;
                rows: number;
                /** @description rows that run */
                unique: number;
            };
            created_at: string;
            filename: string | null;
            finished_at: string | null;
            poll_interval_sec: number;
            progress: {
                cancelled: number;
                /** @description rows that ran to an end: matched, no match or failed */
                done: number;
                /** @description at the pace so far; 0 once ended */
                eta_seconds: number | null;
                failed: number;
                matched: number;
                no_match: number;
                percent: number;
                remaining: number;
                rows_per_sec: number | null;
                running: number;
            };
            results: {
                csv_url: string;
                jsonl_url: string;
            };
            /** @enum {string} */
            route: "enrich/phone" | "enrich/person" | "enrich/websearch" | "enrich/lead-session" | "auto";
            /** @enum {string} */
            status: "running" | "completed" | "cancelled";
        };
        BatchAccepted: {
            /** @example eb_4rXq9ZpL2mNc8TgB1vYwK3sD */
            batch_id: string;
            /** @enum {string} */
            billing_mode: "virtual_balance" | "x402_upto";
            callback: {
                callback_id: string;
                signing_secret: string;
                url: string;
            } | null;
            columns: string[];
            counts: {
                duplicates: number;
                invalid: number;
                rows: number;
                /** @description rows that run */
                unique: number;
            };
            /** @description up to 1,000 duplicates and the line they repeat */
            duplicate_rows: {
                duplicate_of: number;
                line: number;
            }[];
            estimate: {
                /** @description the ceiling held for this batch */
                bill_up_to_usd: number;
                /** @description every runnable row matching at its route's price */
                estimate_usd: number;
                /** @description the most the runnable rows can cost (metered routes at their ceiling) */
                max_usd: number;
                /** @description runnable rows per route */
                routes: {
                    [key: string]: number;
                };
            };
            /** @description up to 1,000 invalid rows with their line and reason */
            invalid_rows: {
                /** @enum {string} */
                code: "VALIDATION_FAILED" | "CALLBACK_URL_REFUSED" | "MALFORMED_JSON" | "INVALID_PHONE" | "CSV_INVALID" | "UNAUTHORIZED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "TOKEN_EXPIRED" | "SIWE_INVALID" | "AGENT_TOKEN_REQUIRED" | "INSUFFICIENT_BALANCE" | "PAYMENT_REQUIRED" | "PAYMENT_INVALID" | "KEY_CAP_EXCEEDED" | "BATCH_CEILING_REACHED" | "ALLOWANCE_EXCEEDED" | "WALLET_UNDERFUNDED" | "FORBIDDEN" | "KEY_SCOPE_DENIED" | "RECOVERY_UNAVAILABLE" | "RECOVERY_ANSWER_WRONG" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "CALLBACK_LIMIT_REACHED" | "IDEMPOTENCY_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS" | "RECOVERY_CHALLENGE_CLOSED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "QUOTA_EXCEEDED" | "INTERNAL_ERROR" | "BAD_ENVIRONMENT" | "FACILITATOR_UNAVAILABLE" | "PAYMENT_RECORD_PENDING" | "JOB_TIMEOUT" | "VENDOR_UNAVAILABLE" | "ROUTE_OFFLINE" | "CHAIN_UNAVAILABLE" | "OPERATOR_NOT_CONFIGURED";
                line: number;
                message: string;
            }[];
            /** @description 411j_… — shown once; reads and cancels this one batch */
            poll_bearer: string;
            poll_interval_sec: number;
            poll_url: string;
            /** @enum {string} */
            route: "enrich/phone" | "enrich/person" | "enrich/websearch" | "enrich/lead-session" | "auto";
            /** @enum {string} */
            status: "running";
        };
        BatchList: {
            batches: components["schemas"]["Batch"][];
            next_cursor: string | null;
        };
        BatchPreview: {
            columns: string[];
            counts: {
                duplicates: number;
                invalid: number;
                rows: number;
                /** @description rows that run */
                unique: number;
            };
            /** @enum {boolean} */
            dry_run: true;
            /** @description up to 1,000 duplicates and the line they repeat */
            duplicate_rows: {
                duplicate_of: number;
                line: number;
            }[];
            estimate: {
                /** @description the ceiling held for this batch */
                bill_up_to_usd: number;
                /** @description every runnable row matching at its route's price */
                estimate_usd: number;
                /** @description the most the runnable rows can cost (metered routes at their ceiling) */
                max_usd: number;
                /** @description runnable rows per route */
                routes: {
                    [key: string]: number;
                };
            };
            /** @description up to 1,000 invalid rows with their line and reason */
            invalid_rows: {
                /** @enum {string} */
                code: "VALIDATION_FAILED" | "CALLBACK_URL_REFUSED" | "MALFORMED_JSON" | "INVALID_PHONE" | "CSV_INVALID" | "UNAUTHORIZED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "TOKEN_EXPIRED" | "SIWE_INVALID" | "AGENT_TOKEN_REQUIRED" | "INSUFFICIENT_BALANCE" | "PAYMENT_REQUIRED" | "PAYMENT_INVALID" | "KEY_CAP_EXCEEDED" | "BATCH_CEILING_REACHED" | "ALLOWANCE_EXCEEDED" | "WALLET_UNDERFUNDED" | "FORBIDDEN" | "KEY_SCOPE_DENIED" | "RECOVERY_UNAVAILABLE" | "RECOVERY_ANSWER_WRONG" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "CALLBACK_LIMIT_REACHED" | "IDEMPOTENCY_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS" | "RECOVERY_CHALLENGE_CLOSED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "QUOTA_EXCEEDED" | "INTERNAL_ERROR" | "BAD_ENVIRONMENT" | "FACILITATOR_UNAVAILABLE" | "PAYMENT_RECORD_PENDING" | "JOB_TIMEOUT" | "VENDOR_UNAVAILABLE" | "ROUTE_OFFLINE" | "CHAIN_UNAVAILABLE" | "OPERATOR_NOT_CONFIGURED";
                line: number;
                message: string;
            }[];
            /** @enum {string} */
            route: "enrich/phone" | "enrich/person" | "enrich/websearch" | "enrich/lead-session" | "auto";
        };
        BazaarResource: {
            accepts: {
                [key: string]: unknown;
            }[];
            description?: string;
            extensions?: {
                [key: string]: unknown;
            };
            /** @description unix seconds */
            lastUpdated: number;
            metadata?: {
                [key: string]: unknown;
            };
            mimeType?: string;
            resource: string;
            serviceName?: string;
            tags?: string[];
            /** @enum {string} */
            type: "http";
            /** @enum {number} */
            x402Version: 2;
        };
        BazaarResourceList: {
            items: components["schemas"]["BazaarResource"][];
            pagination: {
                limit: number;
                offset: number;
                total: number;
            };
            /** @enum {number} */
            x402Version: 2;
        };
        Billing: {
            balance_after_usd: number | null;
            charged_usd: number;
            matched: boolean;
            /** @enum {string} */
            mode: "virtual_balance" | "x402_exact";
            price_usd: number;
            refunded_usd: number;
            x402_transaction: string | null;
        };
        CallbackDelivery: {
            attempts: number;
            completed_at: string | null;
            created_at: string;
            delivery_id: string;
            event_id: string;
            event_type: string;
            last_attempt_at: string | null;
            last_error: string | null;
            /** @description The receiver's HTTP status on the last attempt */
            last_status_code: number | null;
            /** @enum {string} */
            status: "pending" | "retrying" | "delivered" | "failed" | "canceled";
        };
        CallbackDeliveryList: {
            deliveries: components["schemas"]["CallbackDelivery"][];
        };
        CallbackSubscription: {
            callback_id: string;
            created_at: string;
            deleted_at: string | null;
            description: string | null;
            events: ("enrich.job_completed" | "lead.session_completed" | "enrich.completed" | "account.recovery_completed" | "batch.completed")[];
            /** @enum {string} */
            status: "active" | "deleted";
            /** @description As normalized; where deliveries are sent */
            url: string;
        };
        CallbackSubscriptionList: {
            callbacks: components["schemas"]["CallbackSubscription"][];
            limit: number;
        };
        ChatMessage: {
            created_at: string;
            /** @enum {string} */
            role: "user" | "assistant";
            seq: number;
            text: string;
            tools?: {
                id: string;
                input?: unknown;
                name: string;
                output?: unknown;
            }[];
            turn?: {
                charged_usd: number;
                input_tokens: number;
                model: string;
                output_tokens: number;
                tools_charged_usd: number;
            } | null;
        };
        ChatRequest: {
            /** @description true: run the one paid call this conversation is waiting on, at the price it was quoted */
            confirm?: boolean;
            /** @description Continue a stored conversation; leave out to start one */
            conversation_id?: string;
            /**
             * @description Most this turn's tools may hold before the agent asks you to confirm (default 1.00, at most 50)
             * @example 1
             */
            max_spend_usd?: number | string;
            /**
             * @description What to enrich: a phone, a name with city and state, a business, a CRM row or a few CSV lines (at most 4,000 characters)
             * @example who owns +17242060094?
             */
            message?: string;
        };
        CompanyResult: {
            data: {
                company: {
                    domain: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    employee_count: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: number;
                    } | null;
                    founded: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: number;
                    } | null;
                    industry: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    linkedin_url: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    location: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: {
                            city: string | null;
                            country: string | null;
                            full: string;
                            line1: string | null;
                            state_code: string | null;
                            zip: string | null;
                        };
                    } | null;
                    name: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    };
                    size: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    summary: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    tags: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    }[];
                    vendor: string;
                    vendor_id: string | null;
                } | null;
            };
            matched: boolean;
            metadata: {
                latency_ms: number;
                /** @description the vendor's confidence in the match, 0..1 */
                match_score: number | null;
                /** @enum {string} */
                query_mode: "company";
                vendor: string;
                vendor_hops: components["schemas"]["VendorHop"][];
                /** @enum {string} */
                vendor_mode: "live" | "sandbox";
            };
        };
        Conversation: components["schemas"]["ConversationSummary"] & {
            messages: components["schemas"]["ChatMessage"][];
            pending: {
                input?: unknown;
                max_usd: number;
                tool: string;
            } | null;
        };
        ConversationSummary: {
            awaiting_confirmation: boolean;
            conversation_id: string;
            created_at: string;
            title: string;
            updated_at: string;
        };
        CreatedCallbackSubscription: components["schemas"]["CallbackSubscription"] & {
            /** @description The HMAC key for this subscription's signatures, shown once */
            signing_secret: string;
        };
        CreatedUsageKey: components["schemas"]["UsageKey"] & {
            /** @description The usage key (411k_…), shown once. Only its hash is stored. */
            key: string;
        };
        Deposit: {
            deposited_usd: number;
            /** @description Deposit match promo credit (0 when the promo is off or its cap is used) */
            match_usd: number;
            /** @description Settlement transaction hash */
            transaction: string;
            virtual_balance_usd: number;
        };
        EnrichJob: {
            attempts: number;
            billing: {
                bill_up_to_usd: number;
                charged_usd: number | null;
                refunded_usd: number | null;
                x402_transaction: string | null;
            };
            /** @enum {string} */
            billing_mode: "virtual_balance" | "x402_upto";
            /**
             * @description null until the true-up starts
             * @enum {string|null}
             */
            billing_status: "settled_virtual" | "settling" | "settled" | "settle_failed" | null;
            created_at: string;
            deadline_at: string;
            error: components["schemas"]["EnrichJobError"];
            finished_at: string | null;
            job_id: string;
            matched: boolean | null;
            max_timeout_seconds: number;
            poll_interval_sec: number;
            /** @description The sync route's JSON, once completed */
            result: components["schemas"]["WebsearchResult"] | {
                cost: {
                    /** @description USD, for display; computed from integer micro-USD */
                    base_usd: number;
                    /** @description USD, for display; computed from integer micro-USD */
                    budget_usd: number;
                    capped_by_budget: boolean;
                    /** @description what the session bills: max(base, COGS × margin), capped at budget; 0 when the session found nothing of its own (no match, or a warm re-run that added nothing) */
                    charge_usd: number;
                    /** @description USD, for display; computed from integer micro-USD */
                    cogs_usd: number;
                    /** @description markup on COGS, e.g. 1.3 */
                    margin: number;
                    /** @description USD, for display; computed from integer micro-USD */
                    summary_cogs_usd: number;
                    /** @description USD, for display; computed from integer micro-USD */
                    true_up_usd: number;
                };
                dig_deeper?: {
                    affordable: boolean;
                    /** @description USD, for display; computed from integer micro-USD */
                    estimated_cost_usd: number;
                    input: string;
                    /** @description Send this as a follow-up prompt to run the step */
                    prompt: string;
                    reason: string;
                    /** @enum {string} */
                    tool: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company";
                }[];
                graph: {
                    contacts: {
                        addresses: {
                            city: string | null;
                            full: string;
                            key: string;
                            /** @enum {string} */
                            kind: "current" | "historic" | "owned" | "business";
                            label: string | null;
                            line1: string | null;
                            state_code: string | null;
                            zip: string | null;
                        }[];
                        age_range: {
                            max: number;
                            min: number;
                        } | null;
                        aliases: string[];
                        confidence: number;
                        emails: {
                            confidence: number;
                            email: string;
                        }[];
                        employment: {
                            company_name: string | null;
                            job_title: string | null;
                        } | null;
                        first: string | null;
                        full_name: string;
                        id: string;
                        is_dead: boolean | null;
                        is_lead_person: boolean;
                        last: string | null;
                        middle: string | null;
                        phones: {
                            confidence: number;
                            e164: string;
                            /** @enum {string} */
                            line_type: "mobile" | "landline" | "voip" | "toll_free" | "other" | "unknown";
                        }[];
                        provenance: {
                            confidence: number;
                            input_key: string | null;
                            observed_at: string;
                            round: number;
                            /** @enum {string|null} */
                            seeded_from?: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company" | null;
                            source: string;
                            tool: ("websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company") | "warm_seed";
                        }[];
                        relatives: string[];
                        roles: {
                            entity_id: string;
                            title: string | null;
                        }[];
                        vendor_ids: {
                            id: string;
                            vendor: string;
                        }[];
                    }[];
                    entities: {
                        addresses: {
                            city: string | null;
                            full: string;
                            key: string;
                            /** @enum {string} */
                            kind: "current" | "historic" | "owned" | "business";
                            label: string | null;
                            line1: string | null;
                            state_code: string | null;
                            zip: string | null;
                        }[];
                        confidence: number;
                        id: string;
                        /** @enum {string} */
                        kind: "business";
                        legal_associates: {
                            name: string;
                            role: string | null;
                        }[];
                        name: string;
                        people: {
                            contact_id: string | null;
                            name: string;
                            title: string | null;
                        }[];
                        phones: {
                            e164: string;
                            label: string | null;
                        }[];
                        provenance: {
                            confidence: number;
                            input_key: string | null;
                            observed_at: string;
                            round: number;
                            /** @enum {string|null} */
                            seeded_from?: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company" | null;
                            source: string;
                            tool: ("websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company") | "warm_seed";
                        }[];
                        sources: {
                            title: string | null;
                            url: string;
                        }[];
                        state: string | null;
                    }[];
                    phones: {
                        confidence: number;
                        contact_ids: string[];
                        e164: string;
                        entity_ids: string[];
                        from_lead: boolean;
                        id: string;
                        labels: string[];
                        /** @enum {string} */
                        line_type: "mobile" | "landline" | "voip" | "toll_free" | "other" | "unknown";
                        provenance: {
                            confidence: number;
                            input_key: string | null;
                            observed_at: string;
                            round: number;
                            /** @enum {string|null} */
                            seeded_from?: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company" | null;
                            source: string;
                            tool: ("websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company") | "warm_seed";
                        }[];
                    }[];
                    summary_markdown: string;
                };
                lead: {
                    business_name: string | null;
                    city: string | null;
                    company: string | null;
                    /** @enum {string|null} */
                    company_kind: "person" | "business" | "unknown" | null;
                    contact_id: string | null;
                    email: string | null;
                    mailing_address: string | null;
                    other_phones: string[];
                    person_name: string | null;
                    /** @description E.164 of number1 (or the first phone column) */
                    phone: string | null;
                    /** @description USPS two-letter code */
                    state: string | null;
                    street: string | null;
                    warnings: string[];
                    zip: string | null;
                };
                matched: boolean;
                max_rounds: number;
                /** @enum {string} */
                mode: "auto" | "interactive";
                prompts?: string[];
                rounds_used: number;
                /** @enum {string} */
                schema: "lead_enrichment_v1";
                session_id: string;
                /** @enum {string} */
                status: "running" | "awaiting_input" | "completed";
                /** @enum {string|null} */
                stop_reason: "max_rounds" | "budget" | "exhausted" | "time_limit" | "aborted" | null;
                suggested_user_prompts?: string[];
                tools_run: {
                    /** @description USD, for display; computed from integer micro-USD */
                    cost_usd: number;
                    error?: {
                        kind: string;
                        message: string;
                        reason: string;
                    };
                    input: string;
                    latency_ms: number;
                    nodes_added: number;
                    /** @enum {string} */
                    outcome: "match" | "miss" | "error";
                    reason: string;
                    round: number;
                    /** @enum {string} */
                    tool: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company";
                    vendor: string | null;
                }[];
                warm_seed_at: string | null;
                warm_seeded: boolean;
            } | null;
            /** @enum {string} */
            route: "enrich/websearch" | "enrich/lead-session";
            started_at: string | null;
            /** @enum {string} */
            status: "queued" | "running" | "completing" | "completed" | "failed";
        };
        EnrichJobAccepted: {
            bill_up_to_usd: number;
            /** @enum {string} */
            billing_mode: "virtual_balance" | "x402_upto";
            callback: {
                callback_id: string;
                /** @description HMAC-SHA256 key of this job's callback deliveries — shown once */
                signing_secret: string;
                url: string;
            } | null;
            /** @example ej_4rXq9ZpL2mNc8TgB1vYwK3sD */
            job_id: string;
            max_timeout_seconds: number;
            /** @description 411j_… — shown once; polls this one job */
            poll_bearer: string;
            poll_interval_sec: number;
            poll_url: string;
            /** @enum {string} */
            route: "enrich/websearch" | "enrich/lead-session";
            /** @enum {string} */
            status: "queued";
        };
        EnrichJobError: {
            /**
             * @description An API error code: VENDOR_UNAVAILABLE, PAYMENT_INVALID, JOB_TIMEOUT, …
             * @enum {string}
             */
            code: "VALIDATION_FAILED" | "CALLBACK_URL_REFUSED" | "MALFORMED_JSON" | "INVALID_PHONE" | "CSV_INVALID" | "UNAUTHORIZED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "TOKEN_EXPIRED" | "SIWE_INVALID" | "AGENT_TOKEN_REQUIRED" | "INSUFFICIENT_BALANCE" | "PAYMENT_REQUIRED" | "PAYMENT_INVALID" | "KEY_CAP_EXCEEDED" | "BATCH_CEILING_REACHED" | "ALLOWANCE_EXCEEDED" | "WALLET_UNDERFUNDED" | "FORBIDDEN" | "KEY_SCOPE_DENIED" | "RECOVERY_UNAVAILABLE" | "RECOVERY_ANSWER_WRONG" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "CALLBACK_LIMIT_REACHED" | "IDEMPOTENCY_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS" | "RECOVERY_CHALLENGE_CLOSED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "QUOTA_EXCEEDED" | "INTERNAL_ERROR" | "BAD_ENVIRONMENT" | "FACILITATOR_UNAVAILABLE" | "PAYMENT_RECORD_PENDING" | "JOB_TIMEOUT" | "VENDOR_UNAVAILABLE" | "ROUTE_OFFLINE" | "CHAIN_UNAVAILABLE" | "OPERATOR_NOT_CONFIGURED";
            details?: unknown;
            message: string;
        } | null;
        EnrichJobRequest: {
            /**
             * @description Spending ceiling (default 1.5, from 0.05 to 50): held from the balance (or authorized with x402 upto) at submit; the actual cost is taken after the job and the rest refunded. enrich/websearch needs at least its $1.00 minimum; a lead session's budget is capped to the ceiling
             * @example 1.5
             */
            bill_up_to_usd?: number | string;
            /**
             * @description https URL that receives the signed enrich.job_completed event; private, loopback and local addresses are refused
             * @example https://example.com/hooks/enrich
             */
            callback_url?: string;
            payload: {
                /** @example Finicky Window Cleaning, Inc. */
                business_name: string;
                /** @example Dunedin */
                city?: string;
                domain?: string;
                /** @description Most this call may charge (default 1, the price; from 1 to 20); held up front, the actual is captured, and the research is bounded to it. Paid by x402, a call pays the price and is bounded to it */
                max_usd?: number | string;
                prompt?: string;
                /** @example FL */
                state?: string;
            };
            /** @enum {string} */
            route: "enrich/websearch";
        } | {
            /**
             * @description Spending ceiling (default 1.5, from 0.05 to 50): held from the balance (or authorized with x402 upto) at submit; the actual cost is taken after the job and the rest refunded. enrich/websearch needs at least its $1.00 minimum; a lead session's budget is capped to the ceiling
             * @example 1.5
             */
            bill_up_to_usd?: number | string;
            /**
             * @description https URL that receives the signed enrich.job_completed event; private, loopback and local addresses are refused
             * @example https://example.com/hooks/enrich
             */
            callback_url?: string;
            payload: {
                /**
                 * @description Most the session may charge, USD (default 2.00, at least the $1.50 base, at most 20; the x-session-budget-usd header allows up to 50). On a follow-up, a higher value raises the session's budget.
                 * @example 2
                 */
                budget_usd?: number | string;
                /**
                 * @description Free-form CRM row. Understood keys (any casing/spacing): contact_id, company, business_name, number1, street, city, state, zip, email, mailing_address, dm_name. Extra keys are ignored.
                 * @example {
                 *       "contact_id": 81551343,
                 *       "company": "JOSEPH B MANNO",
                 *       "street": "5 TANNERY RD",
                 *       "city": "RIDGWAY",
                 *       "state": "PA",
                 *       "zip": "15853",
                 *       "number1": "8147761310"
                 *     }
                 */
                lead?: {
                    [key: string]: unknown;
                };
                /**
                 * @description Paid tool runs at most (1–10, default 5); on a follow-up, the rounds this turn may add
                 * @example 5
                 */
                max_rounds?: number;
                /**
                 * @description auto (default): one shot; interactive: adds dig_deeper and suggested_user_prompts and takes follow-ups
                 * @enum {string}
                 */
                mode?: "auto" | "interactive";
                /** @description Follow-up: what to dig into next, e.g. one of suggested_user_prompts */
                prompt?: string;
                /** @description Follow-up: the interactive session to continue */
                session_id?: string;
            };
            /** @enum {string} */
            route: "enrich/lead-session";
        };
        Error: {
            error: {
                /** @enum {string} */
                code: "VALIDATION_FAILED" | "CALLBACK_URL_REFUSED" | "MALFORMED_JSON" | "INVALID_PHONE" | "CSV_INVALID" | "UNAUTHORIZED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "TOKEN_EXPIRED" | "SIWE_INVALID" | "AGENT_TOKEN_REQUIRED" | "INSUFFICIENT_BALANCE" | "PAYMENT_REQUIRED" | "PAYMENT_INVALID" | "KEY_CAP_EXCEEDED" | "BATCH_CEILING_REACHED" | "ALLOWANCE_EXCEEDED" | "WALLET_UNDERFUNDED" | "FORBIDDEN" | "KEY_SCOPE_DENIED" | "RECOVERY_UNAVAILABLE" | "RECOVERY_ANSWER_WRONG" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "CALLBACK_LIMIT_REACHED" | "IDEMPOTENCY_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS" | "RECOVERY_CHALLENGE_CLOSED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "QUOTA_EXCEEDED" | "INTERNAL_ERROR" | "BAD_ENVIRONMENT" | "FACILITATOR_UNAVAILABLE" | "PAYMENT_RECORD_PENDING" | "JOB_TIMEOUT" | "VENDOR_UNAVAILABLE" | "ROUTE_OFFLINE" | "CHAIN_UNAVAILABLE" | "OPERATOR_NOT_CONFIGURED";
                details?: unknown;
                message: string;
                request_id: string;
            };
        };
        Health: {
            /** @enum {string} */
            status: "ok";
            time: string;
        };
        LeadSessionResult: {
            billing: components["schemas"]["Billing"];
            cost: {
                /** @description USD, for display; computed from integer micro-USD */
                base_usd: number;
                /** @description USD, for display; computed from integer micro-USD */
                budget_usd: number;
                capped_by_budget: boolean;
                /** @description what the session bills: max(base, COGS × margin), capped at budget; 0 when the session found nothing of its own (no match, or a warm re-run that added nothing) */
                charge_usd: number;
                /** @description USD, for display; computed from integer micro-USD */
                cogs_usd: number;
                /** @description markup on COGS, e.g. 1.3 */
                margin: number;
                /** @description USD, for display; computed from integer micro-USD */
                summary_cogs_usd: number;
                /** @description USD, for display; computed from integer micro-USD */
                true_up_usd: number;
            };
            dig_deeper?: {
                affordable: boolean;
                /** @description USD, for display; computed from integer micro-USD */
                estimated_cost_usd: number;
                input: string;
                /** @description Send this as a follow-up prompt to run the step */
                prompt: string;
                reason: string;
                /** @enum {string} */
                tool: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company";
            }[];
            graph: {
                contacts: {
                    addresses: {
                        city: string | null;
                        full: string;
                        key: string;
                        /** @enum {string} */
                        kind: "current" | "historic" | "owned" | "business";
                        label: string | null;
                        line1: string | null;
                        state_code: string | null;
                        zip: string | null;
                    }[];
                    age_range: {
                        max: number;
                        min: number;
                    } | null;
                    aliases: string[];
                    confidence: number;
                    emails: {
                        confidence: number;
                        email: string;
                    }[];
                    employment: {
                        company_name: string | null;
                        job_title: string | null;
                    } | null;
                    first: string | null;
                    full_name: string;
                    id: string;
                    is_dead: boolean | null;
                    is_lead_person: boolean;
                    last: string | null;
                    middle: string | null;
                    phones: {
                        confidence: number;
                        e164: string;
                        /** @enum {string} */
                        line_type: "mobile" | "landline" | "voip" | "toll_free" | "other" | "unknown";
                    }[];
                    provenance: {
                        confidence: number;
                        input_key: string | null;
                        observed_at: string;
                        round: number;
                        /** @enum {string|null} */
                        seeded_from?: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company" | null;
                        source: string;
                        tool: ("websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company") | "warm_seed";
                    }[];
                    relatives: string[];
                    roles: {
                        entity_id: string;
                        title: string | null;
                    }[];
                    vendor_ids: {
                        id: string;
                        vendor: string;
                    }[];
                }[];
                entities: {
                    addresses: {
                        city: string | null;
                        full: string;
                        key: string;
                        /** @enum {string} */
                        kind: "current" | "historic" | "owned" | "business";
                        label: string | null;
                        line1: string | null;
                        state_code: string | null;
                        zip: string | null;
                    }[];
                    confidence: number;
                    id: string;
                    /** @enum {string} */
                    kind: "business";
                    legal_associates: {
                        name: string;
                        role: string | null;
                    }[];
                    name: string;
                    people: {
                        contact_id: string | null;
                        name: string;
                        title: string | null;
                    }[];
                    phones: {
                        e164: string;
                        label: string | null;
                    }[];
                    provenance: {
                        confidence: number;
                        input_key: string | null;
                        observed_at: string;
                        round: number;
                        /** @enum {string|null} */
                        seeded_from?: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company" | null;
                        source: string;
                        tool: ("websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company") | "warm_seed";
                    }[];
                    sources: {
                        title: string | null;
                        url: string;
                    }[];
                    state: string | null;
                }[];
                phones: {
                    confidence: number;
                    contact_ids: string[];
                    e164: string;
                    entity_ids: string[];
                    from_lead: boolean;
                    id: string;
                    labels: string[];
                    /** @enum {string} */
                    line_type: "mobile" | "landline" | "voip" | "toll_free" | "other" | "unknown";
                    provenance: {
                        confidence: number;
                        input_key: string | null;
                        observed_at: string;
                        round: number;
                        /** @enum {string|null} */
                        seeded_from?: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company" | null;
                        source: string;
                        tool: ("websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company") | "warm_seed";
                    }[];
                }[];
                summary_markdown: string;
            };
            lead: {
                business_name: string | null;
                city: string | null;
                company: string | null;
                /** @enum {string|null} */
                company_kind: "person" | "business" | "unknown" | null;
                contact_id: string | null;
                email: string | null;
                mailing_address: string | null;
                other_phones: string[];
                person_name: string | null;
                /** @description E.164 of number1 (or the first phone column) */
                phone: string | null;
                /** @description USPS two-letter code */
                state: string | null;
                street: string | null;
                warnings: string[];
                zip: string | null;
            };
            matched: boolean;
            max_rounds: number;
            /** @enum {string} */
            mode: "auto" | "interactive";
            prompts?: string[];
            rounds_used: number;
            /** @enum {string} */
            schema: "lead_enrichment_v1";
            session_id: string;
            /** @enum {string} */
            status: "running" | "awaiting_input" | "completed";
            /** @enum {string|null} */
            stop_reason: "max_rounds" | "budget" | "exhausted" | "time_limit" | "aborted" | null;
            suggested_user_prompts?: string[];
            tools_run: {
                /** @description USD, for display; computed from integer micro-USD */
                cost_usd: number;
                error?: {
                    kind: string;
                    message: string;
                    reason: string;
                };
                input: string;
                latency_ms: number;
                nodes_added: number;
                /** @enum {string} */
                outcome: "match" | "miss" | "error";
                reason: string;
                round: number;
                /** @enum {string} */
                tool: "websearch" | "person_by_name" | "person_by_address" | "person_by_email" | "reverse_phone" | "company";
                vendor: string | null;
            }[];
            warm_seed_at: string | null;
            warm_seeded: boolean;
        };
        LeadsResult: {
            data: {
                leads: {
                    domain: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    employee_count: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: number;
                    } | null;
                    founded: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: number;
                    } | null;
                    industry: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    linkedin_url: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    location: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: {
                            city: string | null;
                            country: string | null;
                            full: string;
                            line1: string | null;
                            state_code: string | null;
                            zip: string | null;
                        };
                    } | null;
                    name: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    };
                    size: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    summary: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    } | null;
                    tags: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    }[];
                    vendor: string;
                    vendor_id: string | null;
                }[];
            };
            /** @description true when this page holds at least one lead */
            matched: boolean;
            metadata: {
                filters: {
                    city?: string;
                    industry?: string;
                    max_employees?: number;
                    min_employees?: number;
                    name_prefix?: string;
                    state_code?: string;
                };
                latency_ms: number;
                limit: number;
                /** @enum {string} */
                query_mode: "leads_search";
                returned: number;
                total_available: number;
                vendor: string;
                vendor_hops: components["schemas"]["VendorHop"][];
                /** @enum {string} */
                vendor_mode: "live" | "sandbox";
            };
            /** @description send it back (with the same filters, or none) for the next page; null on the last */
            next_cursor: string | null;
        };
        PeopleResult: {
            data: {
                people: {
                    addresses: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: {
                            city: string | null;
                            first_seen: string | null;
                            full: string;
                            /** @enum {string} */
                            kind: "current" | "historic" | "owned";
                            last_seen: string | null;
                            line1: string | null;
                            state_code: string | null;
                            vendor_id: string | null;
                            zip: string | null;
                        };
                    }[];
                    age_range: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: {
                            date_of_birth: string | null;
                            max: number;
                            min: number;
                        };
                    } | null;
                    associated_people: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: {
                            name: string;
                            /** @enum {string} */
                            relation: "relative" | "associate" | "household";
                            vendor_id: string | null;
                        };
                    }[];
                    compliance: {
                        is_dead: {
                            provenance: {
                                confidence: number;
                                observed_at: string;
                                source: string;
                            };
                            value: boolean;
                        } | null;
                        litigator_risk: {
                            provenance: {
                                confidence: number;
                                observed_at: string;
                                source: string;
                            };
                            value: boolean;
                        } | null;
                    };
                    emails: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: string;
                    }[];
                    employment: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: {
                            company_name: string | null;
                            job_title: string | null;
                            linkedin_url: string | null;
                        };
                    } | null;
                    match_score: number | null;
                    matched_by: string[];
                    names: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: {
                            first: string | null;
                            full: string;
                            /** @enum {string} */
                            kind: "primary" | "alias";
                            last: string | null;
                            middle: string | null;
                        };
                    }[];
                    phones: {
                        provenance: {
                            confidence: number;
                            observed_at: string;
                            source: string;
                        };
                        value: {
                            e164: string;
                            /** @enum {string} */
                            line_type: "mobile" | "landline" | "voip" | "toll_free" | "other" | "unknown";
                        };
                    }[];
                    vendor: string;
                    vendor_id: string | null;
                }[];
            };
            matched: boolean;
            metadata: {
                latency_ms: number;
                phone_e164: string | null;
                /** @enum {string} */
                query_mode: "reverse_phone" | "name" | "address" | "email";
                total_available: number;
                /** @description the vendor whose answer this is: the match, or the last one that missed */
                vendor: string;
                /** @description every vendor asked, in order (waterfall); one price either way */
                vendor_hops: components["schemas"]["VendorHop"][];
                /** @enum {string} */
                vendor_mode: "live" | "sandbox";
            };
        };
        Pricing: {
            /** @enum {string} */
            currency: "USD";
            notes: string[];
            prices: {
                bill_on_match: boolean;
                /** @enum {string} */
                billing: "on_match" | "metered_on_match" | "fixed" | "upto" | "amount";
                ceiling?: {
                    [key: string]: number | string;
                };
                id: string;
                /** @enum {string} */
                method: "GET" | "POST";
                offline: boolean;
                path: string;
                /** @description USDC base units (6 decimals) */
                price_atomic: string | null;
                price_text: string;
                /** @description null when the caller names the amount (deposits) */
                price_usd: number | null;
                summary: string;
            }[];
        };
        RecoveredAgent: {
            agent_id: string;
            billing: components["schemas"]["Billing"];
            rotated_at: string;
            /** @description The new agent bearer, shown once. Every earlier bearer and every usage key stopped working. */
            token: string;
            /** @description Usage keys revoked by the recovery */
            usage_keys_revoked: number;
            virtual_balance_usd: number;
            wallet: string;
        };
        RecoveryChallenge: {
            /**
             * @description One paid attempt per challenge; the verdict comes after the fee is paid
             * @enum {number}
             */
            attempts: 1;
            challenge_id: string;
            expires_at: string;
            fee: {
                amount_usd: number;
                asset: string;
                network: string;
                /** @enum {boolean} */
                non_refundable: true;
                pay_to: string;
                /** @description The agent's linked wallet; a payment from any other wallet is refused */
                payer_must_be: string;
                /** @enum {string} */
                scheme: "exact";
            };
            next: string;
            /** @description 3–5 questions, each about a different lookup this agent made */
            questions: {
                /** @enum {string} */
                kind: "phone" | "person" | "business";
                /** @description 10 options; exactly one is a lookup this agent made */
                options: string[];
                question: string;
            }[];
            /** @description Right answers needed to pass */
            required_right: number;
        };
        Registration: {
            agent_id: string;
            allowance_usd: number | null;
            /** @description The agent bearer (411_…), shown once at first mint; null on a re-mint. Only its hash is stored. */
            token: string | null;
            virtual_balance_usd: number;
            wallet: string;
        };
        RestoredToken: {
            agent_id: string;
            /** @enum {string} */
            key_kind: "agent" | "usage_key";
            /** @enum {boolean} */
            restored: true;
        };
        RotatedToken: {
            agent_id: string;
            rotated_at: string;
            /** @description The new agent bearer, shown once. The old one stopped working. */
            token: string;
        };
        StoredCall: {
            charged_usd: number | null;
            created_at: string;
            /** @description the tool that made this call in-process, e.g. mcp:enrich_phone; null for a plain HTTP call */
            door: string | null;
            error_code: string | null;
            key_id: string | null;
            latency_ms: number;
            method: string;
            path: string;
            payment_mode: string | null;
            price_usd: number | null;
            request_body?: unknown;
            request_id: string;
            response_body?: unknown;
            route: string;
            status: number;
        };
        StoredCallPage: {
            next_cursor: string | null;
            requests: components["schemas"]["StoredCall"][];
        };
        SupportTicket: {
            /** @enum {string} */
            category: "bug" | "billing" | "account" | "other";
            created_at: string;
            /** @enum {string} */
            status: "open";
            /** @example tk_4Jx0aQ7LrWm2c9TbE1sZ */
            ticket_id: string;
        };
        SupportTicketDetail: {
            body: string;
            /** @enum {string} */
            category: "bug" | "billing" | "account" | "other";
            created_at: string;
            /** @description What a confirmed bug credited to the balance; null otherwise */
            credit_usd: number | null;
            credited_at: string | null;
            replied_at: string | null;
            /** @description The operator's answer, once there is one */
            reply: string | null;
            /**
             * @description open; confirmed (a bug an operator confirmed and credited); closed (answered and closed)
             * @enum {string}
             */
            status: "open" | "confirmed" | "closed";
            subject: string;
            ticket_id: string;
        };
        SupportTicketPage: {
            next_cursor: string | null;
            tickets: components["schemas"]["SupportTicketDetail"][];
        };
        UsageKey: {
            created_at: string;
            expires_at: string | null;
            key_id: string;
            last_used_at: string | null;
            name: string;
            revoked_at: string | null;
            scope: string[] | null;
            spend_cap_usd: number;
            spent_usd: number;
            /** @enum {string} */
            status: "active" | "revoked" | "expired" | "exhausted";
        };
        UsageKeyList: {
            usage_keys: components["schemas"]["UsageKey"][];
        };
        VendorHop: {
            /** @description rate_limited, unavailable, timeout or malformed when the vendor failed */
            error_kind: string | null;
            latency_ms: number;
            /** @enum {string} */
            outcome: "match" | "miss" | "error";
            vendor: string;
        };
        WalletNonce: {
            /** @description EIP-191 plain-text budget commitment to sign, when allowance_usd was given */
            allowance_intent_message: string | null;
            chain_id: number;
            expires_at: string;
            next: string;
            nonce: string;
            /** @description EIP-4361 message for the wallet to sign with personal_sign */
            siwe_message: string;
        };
        WebsearchResult: {
            data: {
                addresses: {
                    provenance: {
                        confidence: number;
                        observed_at: string;
                        source: string;
                    };
                    value: {
                        full: string;
                        label: string | null;
                    };
                }[];
                business_name: string | null;
                legal_associates: {
                    provenance: {
                        confidence: number;
                        observed_at: string;
                        source: string;
                    };
                    value: {
                        name: string;
                        role: string | null;
                    };
                }[];
                people: {
                    provenance: {
                        confidence: number;
                        observed_at: string;
                        source: string;
                    };
                    value: {
                        name: string;
                        title: string | null;
                    };
                }[];
                phones: {
                    provenance: {
                        confidence: number;
                        observed_at: string;
                        source: string;
                    };
                    value: {
                        e164: string;
                        label: string | null;
                    };
                }[];
                sources: {
                    title: string | null;
                    url: string;
                }[];
            };
            matched: boolean;
            metadata: {
                cogs_usd: number;
                latency_ms: number;
                model: string;
                /** @enum {string} */
                query_mode: "websearch";
                vendor: string;
                /** @enum {string} */
                vendor_mode: "live" | "sandbox";
                web_searches: number;
            };
        };
        X402PaymentRequired: {
            accepts: components["schemas"]["X402PaymentRequirements"][];
            /** @description Our error envelope (code, message, details, request_id) */
            api_error: {
                /** @enum {string} */
                code: "VALIDATION_FAILED" | "CALLBACK_URL_REFUSED" | "MALFORMED_JSON" | "INVALID_PHONE" | "CSV_INVALID" | "UNAUTHORIZED" | "TOKEN_INVALID" | "TOKEN_REVOKED" | "TOKEN_EXPIRED" | "SIWE_INVALID" | "AGENT_TOKEN_REQUIRED" | "INSUFFICIENT_BALANCE" | "PAYMENT_REQUIRED" | "PAYMENT_INVALID" | "KEY_CAP_EXCEEDED" | "BATCH_CEILING_REACHED" | "ALLOWANCE_EXCEEDED" | "WALLET_UNDERFUNDED" | "FORBIDDEN" | "KEY_SCOPE_DENIED" | "RECOVERY_UNAVAILABLE" | "RECOVERY_ANSWER_WRONG" | "NOT_FOUND" | "ROUTE_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "CALLBACK_LIMIT_REACHED" | "IDEMPOTENCY_CONFLICT" | "IDEMPOTENCY_IN_PROGRESS" | "RECOVERY_CHALLENGE_CLOSED" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "QUOTA_EXCEEDED" | "INTERNAL_ERROR" | "BAD_ENVIRONMENT" | "FACILITATOR_UNAVAILABLE" | "PAYMENT_RECORD_PENDING" | "JOB_TIMEOUT" | "VENDOR_UNAVAILABLE" | "ROUTE_OFFLINE" | "CHAIN_UNAVAILABLE" | "OPERATOR_NOT_CONFIGURED";
                details?: unknown;
                message: string;
                request_id: string;
            };
            /** @description Our error code on a first 402 (AGENT_TOKEN_REQUIRED, …); the x402 reason when a payment was refused */
            error: string;
            /** @description `bazaar`: how to call this route and what it answers */
            extensions?: {
                [key: string]: unknown;
            };
            resource: {
                description?: string;
                mimeType?: string;
                url: string;
            };
            /** @enum {number} */
            x402Version: 2;
        };
        X402PaymentRequirements: {
            /** @description USDC base units (6 decimals) */
            amount: string;
            asset: string;
            extra?: {
                [key: string]: unknown;
            };
            maxTimeoutSeconds: number;
            /** @description CAIP-2, e.g. eip155:8453 */
            network: string;
            payTo: string;
            /** @enum {string} */
            scheme: "exact" | "upto";
        };
        X402WellKnown: {
            description: string;
            docs: {
                [key: string]: string;
            };
            items: {
                accepts: {
                    [key: string]: unknown;
                }[];
                bill_on_match: boolean;
                /** @enum {string} */
                billing: "on_match" | "metered_on_match" | "fixed" | "upto" | "amount";
                ceiling?: {
                    [key: string]: number | string;
                };
                description: string;
                id: string;
                input?: {
                    body?: unknown;
                    /** @enum {string} */
                    bodyType: "json";
                    method: string;
                };
                /** @enum {string} */
                method: "GET" | "POST";
                mimeType: string;
                note?: string;
                /** @description catalog tier: answers ROUTE_OFFLINE until enabled */
                offline: boolean;
                output?: {
                    example?: unknown;
                    mimeType: string;
                };
                /** @description USDC base units (6 decimals) */
                price_atomic: string | null;
                price_text: string;
                /** @description null when the caller names the amount */
                price_usd: number | null;
                url: string;
            }[];
            /** @enum {string} */
            kind: "resource-server";
            lastUpdated: number;
            name: string;
            payment: {
                asset: string;
                /** @enum {string} */
                currency: "USDC";
                network: string;
                payTo: string;
            };
            /** @description URLs of the resources payable right now (offline catalog routes left out) */
            resources: string[];
            updated: string;
            /** @enum {number} */
            x402Version: 2;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    wellKnownX402: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The catalog of paid resources */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402WellKnown"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    agentChat: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "message": "who owns +17242060094?",
                 *       "max_spend_usd": 1
                 *     }
                 */
                "application/json": components["schemas"]["ChatRequest"];
            };
        };
        responses: {
            /** @description text/event-stream of UI message chunks, ending with data-turn, finish and [DONE] */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listConversations: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Conversations */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conversations: components["schemas"]["ConversationSummary"][];
                    };
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The conversation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conversation"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteConversation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                conversation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        conversation_id: string;
                        /** @enum {boolean} */
                        deleted: true;
                    };
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    agentBalance: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Balance */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Balance"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCallbacks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Subscriptions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackSubscriptionList"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createCallback: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "url": "https://hooks.example.com/411data",
                 *       "events": [
                 *         "enrich.job_completed"
                 *       ]
                 *     }
                 */
                "application/json": {
                    description?: string;
                    /** @description The events to receive */
                    events: ("enrich.job_completed" | "lead.session_completed" | "enrich.completed" | "account.recovery_completed" | "batch.completed")[];
                    /**
                     * @description A public https URL; private, loopback, link-local and metadata hosts and local names are refused
                     * @example https://hooks.example.com/411data
                     */
                    url: string;
                };
            };
        };
        responses: {
            /** @description The subscription and its signing secret */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedCallbackSubscription"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteCallback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                callback_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deleted subscription */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackSubscription"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listCallbackDeliveries: {
        parameters: {
            query?: {
                limit?: number;
            };
            header?: never;
            path: {
                callback_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deliveries */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackDeliveryList"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createDeposit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "amount_usd": "10.00"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description USD to add to the virtual balance (default bounds $1–$500); paid in USDC with x402 `exact`
                     * @example 10.00
                     */
                    amount_usd: number | string;
                };
            };
        };
        responses: {
            /** @description Deposited; PAYMENT-RESPONSE carries the settlement */
            200: {
                headers: {
                    "payment-response": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Deposit"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No or invalid bearer */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYMENT_REQUIRED (pay `accepts[]`, an `exact` requirement for exactly amount_usd, and retry with PAYMENT-SIGNATURE), PAYMENT_INVALID (refused or replayed payment) or ALLOWANCE_EXCEEDED */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    agentMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The agent */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Agent"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listRequests: {
        parameters: {
            query?: {
                /** @description next_cursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of calls */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoredCallPage"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    restoreToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bearer is valid */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RestoredToken"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotateToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description New bearer */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedToken"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listUsageKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageKeyList"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createUsageKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "spend_cap_usd": "5.00"
                 *     }
                 */
                "application/json": {
                    /**
                     * Format: date-time
                     * @description When the key stops working (ISO-8601); never when omitted
                     */
                    expires_at?: string;
                    /** @default usage key */
                    name?: string;
                    /** @description Catalog ids this key may call (e.g. enrich.phone); every paid route when omitted */
                    scope?: ("enrich.phone" | "enrich.person" | "enrich.websearch" | "enrich.lead_session" | "enrich.jobs" | "support.tickets" | "agents.deposits" | "agents.wallet_recover" | "enrich.email" | "enrich.company" | "leads.search" | "agent.chat")[];
                    /**
                     * @description Most this key may ever spend from the agent's balance
                     * @example 5.00
                     */
                    spend_cap_usd: number | string;
                };
            };
        };
        responses: {
            /** @description The key, shown once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedUsageKey"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revokeUsageKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The revoked key */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageKey"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    walletNonce: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "address": "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
                 *       "allowance_usd": "10"
                 *     }
                 */
                "application/json": {
                    /** @example 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 */
                    address: string;
                    /**
                     * @description Optional x402 budget to commit at mint (USD); adds an allowance_intent_message to sign
                     * @example 10
                     */
                    allowance_usd?: number | string;
                    /**
                     * @default mint
                     * @enum {string}
                     */
                    purpose?: "mint" | "recover";
                };
            };
        };
        responses: {
            /** @description Messages to sign */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WalletNonce"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    walletRecoverChallenge: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "siwe_message": "example",
                 *       "siwe_signature": "example"
                 *     }
                 */
                "application/json": {
                    /** @description The message from POST /api/v1/agents/wallet-nonce with purpose recover */
                    siwe_message: string;
                    siwe_signature: string;
                };
            };
        };
        responses: {
            /** @description The questions and the fee that buys one scored attempt */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryChallenge"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description SIWE_INVALID: signature, nonce (must be a recover nonce), domain, chain or expiry refused */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RECOVERY_UNAVAILABLE: fewer than 3 different lookups made with the agent's bearer in the last 90 days */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: no agent is bound to this wallet */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests, or recovery locked after a failed attempt (Retry-After) */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    walletRecoverComplete: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "challenge_id": "example",
                 *       "answers": [
                 *         "example"
                 *       ]
                 *     }
                 */
                "application/json": {
                    /** @description One answer per question, in order: the chosen option's text, or its 0-based index */
                    answers: (string | number)[];
                    challenge_id: string;
                };
            };
        };
        responses: {
            /** @description The new bearer (PAYMENT-RESPONSE header carries the settlement) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveredAgent"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PAYMENT_REQUIRED (pay `accepts[]` from the agent's wallet and retry with PAYMENT-SIGNATURE), PAYMENT_INVALID (refused payment, e.g. not from the agent's wallet) or ALLOWANCE_EXCEEDED */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description RECOVERY_ANSWER_WRONG: too few right answers; the fee was settled and is kept (PAYMENT-RESPONSE), recovery is locked (Retry-After) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NOT_FOUND: no such challenge */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RECOVERY_CHALLENGE_CLOSED: expired, or already answered (one attempt per challenge) */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description RATE_LIMITED: too many requests, or recovery locked after a failed attempt (Retry-After) */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    walletRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "siwe_message": "example",
                 *       "siwe_signature": "example"
                 *     }
                 */
                "application/json": {
                    allowance_intent_message?: string;
                    allowance_intent_signature?: string;
                    siwe_message: string;
                    siwe_signature: string;
                };
            };
        };
        responses: {
            /** @description The agent; `token` is set only on first mint */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Registration"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description SIWE_INVALID: signature, nonce, domain, chain or expiry refused */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description WALLET_UNDERFUNDED: the wallet holds under 1.00 USDC */
            402: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listEnrichBatches: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of batches */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchList"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer, or not a valid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEnrichBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The batch */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Batch"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer, or not a valid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such batch for this bearer (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancelEnrichBatch: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The batch after the cancel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Batch"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer, or not a valid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such batch for this bearer (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEnrichBatchResultsCsv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The results file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer, or not a valid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such batch for this bearer (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEnrichBatchResultsJsonl: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                batch_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The results file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson; charset=utf-8": string;
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer, or not a valid one */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such batch for this bearer (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    uploadEnrichBatch: {
        parameters: {
            query?: {
                /** @description Ceiling for the whole batch (default: what every runnable row could cost at most); held from the balance at upload, the rest released at the end */
                bill_up_to_usd?: number | string;
                /** @description https URL that receives the signed batch.completed event */
                callback_url?: string;
                /** @description true: read, validate and price the file, and answer 200 with the counts and estimate; nothing is held, stored or run (free) */
                dry_run?: string;
                /** @description JSON object renaming columns before rows are read, e.g. {"phone":"Mobile #","contact_id":"Lead ID"} */
                mapping?: string;
                /** @description What every row runs; `auto` picks per row: a phone → enrich/phone, else a person name → enrich/person, else a business name → enrich/websearch */
                route?: "enrich/phone" | "enrich/person" | "enrich/websearch" | "enrich/lead-session" | "auto";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** Format: binary */
                    file?: string;
                };
                "text/csv": string;
            };
        };
        responses: {
            /** @description dry_run=true: what the file would run and cost (nothing held or stored) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchPreview"];
                };
            };
            /** @description Accepted: the rows are queued */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchAccepted"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). Async websearch or lead-session job, billed up to a ceiling and trued up on completion: bill up to $1.50 by default (you may set $0.05–$50.00); actual cost settled, rest refunded, $0 on no match. Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrichCompany: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Haney Furniture Co",
                 *       "city": "New Castle",
                 *       "state": "PA"
                 *     }
                 */
                "application/json": {
                    /** @example New Castle */
                    city?: string;
                    /** @example haneyfurniture.example.com */
                    domain?: string;
                    /** @example Haney Furniture Co */
                    name?: string;
                    /** @example PA */
                    state?: string;
                };
            };
        };
        responses: {
            /** @description Result (matched or not) with a billing block */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompanyResult"] & {
                        billing: components["schemas"]["Billing"];
                    };
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). Company firmographics (catalog tier): $0.25 per match (no match, no charge). Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ROUTE_OFFLINE: this catalog-tier route is not enabled (also VENDOR_UNAVAILABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrichEmail: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "email": "jbmanno@example.com"
                 *     }
                 */
                "application/json": {
                    /** @example jbmanno@example.com */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Result (matched or not) with a billing block */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeopleResult"] & {
                        billing: components["schemas"]["Billing"];
                    };
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). Email enrichment (catalog tier): $0.10 per match (no match, no charge). Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ROUTE_OFFLINE: this catalog-tier route is not enabled (also VENDOR_UNAVAILABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    submitEnrichJob: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "route": "enrich/websearch",
                 *       "payload": {
                 *         "business_name": "Finicky Window Cleaning, Inc.",
                 *         "city": "Dunedin",
                 *         "state": "FL"
                 *       },
                 *       "bill_up_to_usd": 1.5
                 *     }
                 */
                "application/json": components["schemas"]["EnrichJobRequest"];
            };
        };
        responses: {
            /** @description Accepted: poll the job with its poll_bearer */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrichJobAccepted"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). Async websearch or lead-session job, billed up to a ceiling and trued up on completion: bill up to $1.50 by default (you may set $0.05–$50.00); actual cost settled, rest refunded, $0 on no match. Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A vendor is down after retries and fallbacks (VENDOR_UNAVAILABLE), or a catalog-tier route is offline (ROUTE_OFFLINE); nothing charged */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getEnrichJob: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnrichJob"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bearer, or not a valid one (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such job for this bearer (NOT_FOUND) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrichLeadSession: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "lead": {
                 *         "contact_id": 81551343,
                 *         "company": "JOSEPH B MANNO",
                 *         "street": "5 TANNERY RD",
                 *         "city": "RIDGWAY",
                 *         "state": "PA",
                 *         "zip": "15853",
                 *         "number1": "8147761310"
                 *       },
                 *       "budget_usd": 2,
                 *       "max_rounds": 5,
                 *       "mode": "auto"
                 *     }
                 */
                "application/json": {
                    /**
                     * @description Most the session may charge, USD (default 2.00, at least the $1.50 base, at most 20; the x-session-budget-usd header allows up to 50). On a follow-up, a higher value raises the session's budget.
                     * @example 2
                     */
                    budget_usd?: number | string;
                    /**
                     * @description Free-form CRM row. Understood keys (any casing/spacing): contact_id, company, business_name, number1, street, city, state, zip, email, mailing_address, dm_name. Extra keys are ignored.
                     * @example {
                     *       "contact_id": 81551343,
                     *       "company": "JOSEPH B MANNO",
                     *       "street": "5 TANNERY RD",
                     *       "city": "RIDGWAY",
                     *       "state": "PA",
                     *       "zip": "15853",
                     *       "number1": "8147761310"
                     *     }
                     */
                    lead?: {
                        [key: string]: unknown;
                    };
                    /**
                     * @description Paid tool runs at most (1–10, default 5); on a follow-up, the rounds this turn may add
                     * @example 5
                     */
                    max_rounds?: number;
                    /**
                     * @description auto (default): one shot; interactive: adds dig_deeper and suggested_user_prompts and takes follow-ups
                     * @enum {string}
                     */
                    mode?: "auto" | "interactive";
                    /** @description Follow-up: what to dig into next, e.g. one of suggested_user_prompts */
                    prompt?: string;
                    /** @description Follow-up: the interactive session to continue */
                    session_id?: string;
                };
            };
        };
        responses: {
            /** @description The graph with provenance, rounds used, cost and a billing block */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadSessionResult"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). Agentic multi-tool enrichment of one CRM lead into a lead_enrichment_v1 graph: $1.50 minimum per match; research that costs more is billed at cost plus margin, never above your ceiling (default $2.00, up to $50.00). Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A vendor is down after retries and fallbacks (VENDOR_UNAVAILABLE), or a catalog-tier route is offline (ROUTE_OFFLINE); nothing charged */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrichPerson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "name": "Joseph B Manno",
                 *       "city": "Ridgway",
                 *       "state_code": "PA"
                 *     }
                 */
                "application/json": {
                    /** @example Ridgway */
                    city?: string;
                    /** @example Joseph B Manno */
                    name?: string;
                    phone?: string;
                    /** @example PA */
                    state_code?: string;
                    street?: string;
                    zip?: string;
                };
            };
        };
        responses: {
            /** @description Result with a billing block */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeopleResult"] & {
                        billing: components["schemas"]["Billing"];
                    };
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). Person lookup by name and location, phone, or address: $0.50 per match (no match, no charge). Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A vendor is down after retries and fallbacks (VENDOR_UNAVAILABLE), or a catalog-tier route is offline (ROUTE_OFFLINE); nothing charged */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrichPhone: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "phone": "+17242060094"
                 *     }
                 */
                "application/json": {
                    /** @example +17242060094 */
                    phone: string;
                };
            };
        };
        responses: {
            /** @description Result (matched or not) with a billing block */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PeopleResult"] & {
                        billing: components["schemas"]["Billing"];
                    };
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). Reverse phone lookup: the people, emails and addresses behind a number: $0.33 per match (no match, no charge). Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A vendor is down after retries and fallbacks (VENDOR_UNAVAILABLE), or a catalog-tier route is offline (ROUTE_OFFLINE); nothing charged */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    enrichWebsearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "business_name": "Finicky Window Cleaning, Inc.",
                 *       "city": "Dunedin",
                 *       "state": "FL"
                 *     }
                 */
                "application/json": {
                    /** @example Finicky Window Cleaning, Inc. */
                    business_name: string;
                    /** @example Dunedin */
                    city?: string;
                    domain?: string;
                    /** @description Most this call may charge (default 1, the price; from 1 to 20); held up front, the actual is captured, and the research is bounded to it. Paid by x402, a call pays the price and is bounded to it */
                    max_usd?: number | string;
                    prompt?: string;
                    /** @example FL */
                    state?: string;
                };
            };
        };
        responses: {
            /** @description Result with a billing block */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebsearchResult"] & {
                        billing: components["schemas"]["Billing"];
                    };
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). LLM web research on a business: phones, people, addresses, legal associates, sources: $1.00 minimum per match; research that costs more is billed at cost plus margin, never above your ceiling (default $1.00, up to $20.00). Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A vendor is down after retries and fallbacks (VENDOR_UNAVAILABLE), or a catalog-tier route is offline (ROUTE_OFFLINE); nothing charged */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    leadsSearch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "state": "PA",
                 *       "industry": "furniture",
                 *       "limit": 10
                 *     }
                 */
                "application/json": {
                    /** @example New Castle */
                    city?: string;
                    /** @description next_cursor from the previous page; the filters may be left out or must be the same */
                    cursor?: string;
                    /**
                     * @example furniture
                     * @enum {string}
                     */
                    industry?: "automotive" | "accounting" | "building materials" | "construction" | "consumer services" | "environmental services" | "facilities services" | "food & beverages" | "food production" | "furniture" | "health, wellness and fitness" | "insurance" | "medical practice" | "printing" | "real estate" | "retail" | "wholesale";
                    /**
                     * @description leads per page, at most 25
                     * @default 10
                     */
                    limit?: number;
                    max_employees?: number;
                    min_employees?: number;
                    /** @description the business name starts with this (case-insensitive) */
                    name_prefix?: string;
                    /** @example PA */
                    state?: string;
                };
            };
        };
        responses: {
            /** @description A page of leads with a billing block */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadsResult"] & {
                        billing: components["schemas"]["Billing"];
                    };
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). Search leads by filters, cursor-paginated (catalog tier): $0.05 per call. Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description ROUTE_OFFLINE: this catalog-tier route is not enabled (also VENDOR_UNAVAILABLE) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    listSupportTickets: {
        parameters: {
            query?: {
                /** @description next_cursor from the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of tickets */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportTicketPage"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    createSupportTicket: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "category": "bug",
                 *       "subject": "Short title",
                 *       "body": "Steps to reproduce…"
                 *     }
                 */
                "application/json": {
                    /** @description What happened; quote request ids (X-Request-Id) where you can */
                    body: string;
                    /**
                     * @example bug
                     * @enum {string}
                     */
                    category: "bug" | "billing" | "account" | "other";
                    /** @example websearch returned a closed business */
                    subject: string;
                };
            };
        };
        responses: {
            /** @description The ticket, with a billing block */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportTicket"] & {
                        billing: components["schemas"]["Billing"];
                    };
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Payment required (AGENT_TOKEN_REQUIRED, INSUFFICIENT_BALANCE, PAYMENT_INVALID, KEY_CAP_EXCEEDED, ALLOWANCE_EXCEEDED). Open a support ticket; a confirmed bug earns a $1.00 credit: $0.01 per call. Pay one of `accepts[]` and retry with PAYMENT-SIGNATURE, answer the WWW-Authenticate challenge with Authorization: Payment (MPP), or use a bearer with balance. */
            402: {
                headers: {
                    /** @description base64 JSON of the x402 PaymentRequired object */
                    "payment-required": string;
                    /** @description MPP `Payment` challenge (method evm, intent charge) on routes MPP pays */
                    "www-authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["X402PaymentRequired"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Idempotency-Key reused with another body, or still in flight (IDEMPOTENCY_CONFLICT) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The payment facilitator could not be reached (FACILITATOR_UNAVAILABLE); nothing was charged unless the answer names a transaction */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getSupportTicket: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticket_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ticket */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SupportTicketDetail"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid credentials (UNAUTHORIZED, TOKEN_INVALID) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The credential may not use this route (KEY_SCOPE_DENIED, FORBIDDEN: usage keys on agent-only routes) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    discoveryResources: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number | null;
                /** @description resource type; only `http` resources exist */
                type?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of resources */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BazaarResourceList"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Worker is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    llmsTxt: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The index */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    pricing: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The price list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Pricing"];
                    "text/html": string;
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    skillGuide: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The guide */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/markdown": string;
                };
            };
            /** @description Invalid request (VALIDATION_FAILED, MALFORMED_JSON, …) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Body too large (PAYLOAD_TOO_LARGE) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (RATE_LIMITED, QUOTA_EXCEEDED); see Retry-After */
            429: {
                headers: {
                    "retry-after": string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error (INTERNAL_ERROR) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
