-- Operator switches that must hold across isolates and deploys. A row overrides the configured
-- default (e.g. CATALOG_ROUTES_ENABLED) until an operator clears it; no row = the configuration.
CREATE TABLE feature_flags (
  key         TEXT    PRIMARY KEY,                         -- e.g. 'catalog_route:enrich.email'
  enabled     INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  memo        TEXT,
  updated_at  TEXT    NOT NULL,
  updated_by  TEXT    NOT NULL                             -- request id of the operator call
);
