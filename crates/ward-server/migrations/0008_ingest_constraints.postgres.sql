-- Ward server schema, version 8 (PostgreSQL): constraints that cost ingest more than they guard.
--
-- An issue's id is a SHA-256 of its project and fingerprint (`ingest::issue_id`), so the primary
-- key already makes (project_id, fingerprint) unique; ingest upserts on the id, and the second
-- unique index only cost an entry for every new issue.
ALTER TABLE issues DROP CONSTRAINT issues_project_id_fingerprint_key;

-- Foreign keys from the tables ingest writes a row into per finding. PostgreSQL checks each
-- inserted row with a query that also locks the referenced row (`FOR KEY SHARE`), which writes
-- that row's page and the WAL again: with these four keys, the checks and locks were a quarter of
-- PostgreSQL's CPU time under `bench/server-load.sh`. Every row of these tables is written by
-- ingest in the transaction that writes (or has locked) its parent, and no project, scan or issue
-- is ever deleted, so the keys guarded nothing the code does not already ensure.
ALTER TABLE scan_findings DROP CONSTRAINT scan_findings_scan_id_fkey;
ALTER TABLE issue_events DROP CONSTRAINT issue_events_issue_id_fkey;
ALTER TABLE issue_presence DROP CONSTRAINT issue_presence_issue_id_fkey;
ALTER TABLE issues DROP CONSTRAINT issues_project_id_fkey;
