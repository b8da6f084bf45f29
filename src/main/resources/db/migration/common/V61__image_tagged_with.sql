-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- What tagged each image (issue 15): the fingerprint of model, prompt and folder profile, compared by a
-- `stale` scan; and the vision server's own timing when it reported one.
ALTER TABLE images ADD COLUMN tag_fingerprint VARCHAR(64);
ALTER TABLE images ADD COLUMN server_millis BIGINT;
ALTER TABLE images ADD COLUMN eval_count INTEGER;
CREATE INDEX images_folder_fingerprint_idx ON images (folder_id, tag_fingerprint);
