-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- A keyword's place in a hierarchy (issue 15), as Lightroom and digiKam keep them: the lowercase path from the
-- top ending in the tag's own name ('animals/dog'); NULL for a keyword of no hierarchy.
ALTER TABLE tags ADD COLUMN tag_path VARCHAR(1000);
CREATE INDEX tags_path_idx ON tags (tag_path);
