-- Which door a stored call came through: null for a plain HTTP call, else e.g. `mcp:enrich_phone`
-- (a tool call the Worker ran through its own REST route).
ALTER TABLE requests ADD COLUMN door TEXT;
