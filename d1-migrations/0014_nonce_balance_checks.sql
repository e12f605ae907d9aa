-- On-chain balance checks a mint nonce has cost: resending one signed message is bounded.
ALTER TABLE wallet_nonces ADD COLUMN balance_checks INTEGER NOT NULL DEFAULT 0;
