-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- Tags the user removed by hand (issue 19), one per line: later model answers do not bring them back.
ALTER TABLE images ADD COLUMN rejected_tags VARCHAR(4000);
