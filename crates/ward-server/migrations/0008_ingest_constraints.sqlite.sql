-- Ward server schema, version 8 (SQLite): nothing. The PostgreSQL version drops the
-- (project_id, fingerprint) unique constraint, which the primary key (a hash of both) makes
-- redundant, and the foreign keys of the tables ingest writes per finding. SQLite cannot drop a
-- table constraint without rebuilding the table, and its foreign key checks are plain index
-- probes, so it keeps them.
SELECT 1;
