-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- A folder's overrides of the global tagging settings (issue 15); no row or a NULL column: the settings apply.
CREATE TABLE folder_profiles (
    folder_id        BIGINT PRIMARY KEY REFERENCES folders(id) ON DELETE CASCADE,
    context          VARCHAR(2000),
    prompt           VARCHAR(8000),
    tag_language     VARCHAR(100),
    model            VARCHAR(200),
    vocabulary       VARCHAR(20000),
    vocabulary_only  BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at       TIMESTAMP NOT NULL
);
