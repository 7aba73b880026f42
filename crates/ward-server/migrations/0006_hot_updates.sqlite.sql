-- Ward server schema, version 6 (SQLite): nothing. The PostgreSQL version sets a fill factor on
-- `issues`, a storage parameter SQLite does not have.
SELECT 1;
