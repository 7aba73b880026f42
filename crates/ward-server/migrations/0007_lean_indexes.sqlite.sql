-- Ward server schema, version 7 (SQLite): fewer index entries written per finding. The
-- PostgreSQL version also drops the (project_id, fingerprint) unique constraint, which the
-- primary key (a hash of both) makes redundant, and the foreign keys of the tables ingest writes
-- per finding; SQLite cannot drop a table constraint without rebuilding the table, and its
-- foreign key checks are plain index probes, so it keeps them.

-- Lists filtered by project and state are served by `issues_project_list` and `issues_metrics`.
DROP INDEX issues_project_state;

-- Only accepted risks have an expiry to look for.
DROP INDEX issues_accepted_until;
CREATE INDEX issues_accepted_until ON issues (accepted_until) WHERE state = 'accepted_risk';

-- Fixes per week read only `fixed` events.
DROP INDEX issue_events_kind_at;
CREATE INDEX issue_events_fixed_at ON issue_events (at) WHERE kind = 'fixed';

-- A scan's findings are kept as uploaded, in `finding`; the columns beside it repeated five of
-- its fields, which nothing reads, at five more bound values per finding row.
ALTER TABLE scan_findings DROP COLUMN rule_id;
ALTER TABLE scan_findings DROP COLUMN severity;
ALTER TABLE scan_findings DROP COLUMN path;
ALTER TABLE scan_findings DROP COLUMN start_line;
ALTER TABLE scan_findings DROP COLUMN suppressed;
