-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- Search by meaning and near duplicates (issue 14). Each image's embedding of its description and tags, as the
-- in-memory index keeps it: int8 codes (one byte per dimension) and the scale that makes them a unit vector
-- (code * scale). `updated_at` (UTC, set by the writer) lets every instance load what changed since its last look.
CREATE TABLE image_embeddings (
    image_id BIGINT NOT NULL PRIMARY KEY REFERENCES images (id) ON DELETE CASCADE,
    model VARCHAR(200) NOT NULL,
    dimensions INTEGER NOT NULL,
    scale REAL NOT NULL,
    codes BYTEA NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX image_embeddings_updated_idx ON image_embeddings (updated_at);
-- A 64-bit DCT perceptual hash of the decoded picture (org.imagetagger.imaging.PerceptualHash).
ALTER TABLE images ADD COLUMN perceptual_hash BIGINT;
