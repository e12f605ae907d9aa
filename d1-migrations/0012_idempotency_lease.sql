-- Idempotency rows are scoped by the authenticated principal (agent, usage key, or the x402 payment
-- of an anonymous call), store bodies with every shown-once secret cut out, and a pending row holds
-- a lease: a request that died mid-flight no longer blocks its key for 24 h.
ALTER TABLE idempotency_keys ADD COLUMN lease_until INTEGER;   -- epoch ms; past it a retry may take the key over
-- Rows written before this migration were scoped by the raw Authorization header and kept whole
-- bodies (shown-once bearers among them): none of them may be replayed any more.
DELETE FROM idempotency_keys;
