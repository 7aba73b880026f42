-- Ward server schema, version 5: indexes for the dashboard and the metrics at 100,000 issues.

-- The metrics count issues per project, severity, state and first stage, with their first
-- sighting and fix times: an index holding all of those is read instead of the wide rows.
CREATE INDEX issues_metrics ON issues (project_id, state, severity, first_stage, first_seen_at, fixed_at);

-- The issue list, most severe first (the list's own order, so a page is read from the index
-- without sorting every issue), over all projects or one.
CREATE INDEX issues_list ON issues (severity_rank DESC, first_seen_at, id);
CREATE INDEX issues_project_list ON issues (project_id, severity_rank DESC, first_seen_at, id);

-- Expired accepted risks, looked for before each page.
CREATE INDEX issues_accepted_until ON issues (state, accepted_until);

-- Fixes per week.
CREATE INDEX issue_events_kind_at ON issue_events (kind, at);
