-- Ward server schema, version 7: fewer index entries and bound values written per finding.
-- Portable SQL (SQLite 3.35+ and PostgreSQL); migration 8 has the PostgreSQL-only part.

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

-- A scan's findings are kept as uploaded, in `finding`; the columns beside it repeated five of
-- its fields, which nothing reads, at five more bound values per finding row.
ALTER TABLE scan_findings DROP COLUMN rule_id;
ALTER TABLE scan_findings DROP COLUMN severity;
ALTER TABLE scan_findings DROP COLUMN path;
ALTER TABLE scan_findings DROP COLUMN start_line;
ALTER TABLE scan_findings DROP COLUMN suppressed;
