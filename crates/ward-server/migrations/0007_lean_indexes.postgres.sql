-- Ward server schema, version 7 (PostgreSQL): fewer index entries written per finding.
--
-- An issue's id is a SHA-256 of its project and fingerprint (`ingest::issue_id`), so the primary
-- key already makes (project_id, fingerprint) unique; ingest upserts on the id, and the second
-- unique index only cost an entry for every new issue.
ALTER TABLE issues DROP CONSTRAINT issues_project_id_fingerprint_key;

-- Lists filtered by project and state are served by `issues_project_list` and `issues_metrics`
-- (whose first two columns are the project and the state).
DROP INDEX issues_project_state;

-- Only accepted risks have an expiry to look for: the index holds those alone, so new, fixed and
-- reopened issues write nothing to it.
DROP INDEX issues_accepted_until;
CREATE INDEX issues_accepted_until ON issues (accepted_until) WHERE state = 'accepted_risk';

-- Fixes per week read only `fixed` events; `created` and triage events need no entry.
DROP INDEX issue_events_kind_at;
CREATE INDEX issue_events_fixed_at ON issue_events (at) WHERE kind = 'fixed';

-- Foreign keys from the tables ingest writes a row into per finding. PostgreSQL checks each
-- inserted row with a query that also locks the referenced row (`FOR KEY SHARE`), which writes
-- that row's page and the WAL again: with these four keys, the checks and locks were a quarter of
-- PostgreSQL's CPU time under `bench/server-load.sh`. Every row of these tables is written by
-- ingest in the transaction that writes (or has locked) its parent, and no project, scan or issue
-- is ever deleted, so the keys guarded nothing the code does not already ensure. SQLite keeps
-- them (its checks are index probes, and it cannot drop a constraint without rebuilding the table).
ALTER TABLE scan_findings DROP CONSTRAINT scan_findings_scan_id_fkey;
ALTER TABLE issue_events DROP CONSTRAINT issue_events_issue_id_fkey;
ALTER TABLE issue_presence DROP CONSTRAINT issue_presence_issue_id_fkey;
ALTER TABLE issues DROP CONSTRAINT issues_project_id_fkey;

-- A scan's findings are kept as uploaded, in `finding`; the columns beside it repeated five of
-- its fields, which nothing reads, at five more bound values per finding row.
ALTER TABLE scan_findings DROP COLUMN rule_id;
ALTER TABLE scan_findings DROP COLUMN severity;
ALTER TABLE scan_findings DROP COLUMN path;
ALTER TABLE scan_findings DROP COLUMN start_line;
ALTER TABLE scan_findings DROP COLUMN suppressed;
