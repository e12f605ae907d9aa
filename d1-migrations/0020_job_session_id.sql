-- A lead-session job's session id is random and kept on the job, no longer derived from the job id
-- (which poll URLs, Location headers and callbacks carry): the job id alone reaches no session.
ALTER TABLE enrich_jobs ADD COLUMN session_id TEXT;
