-- Ward server schema, version 6 (PostgreSQL): every upload rewrites the row of each issue it
-- sees (when and in which scan it was last seen). Half of each page of `issues` is kept free so
-- the new version of a row fits on the page of the old one and, no indexed column having
-- changed, no index gets a new entry for it (a heap-only tuple update). Pages written from now
-- on; `VACUUM FULL issues` rewrites the existing ones.
ALTER TABLE issues SET (fillfactor = 50);
