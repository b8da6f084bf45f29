-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- EclipseLink reads each value as the end of a block of allocationSize ids, so a sequence starts at its increment.
CREATE SEQUENCE folder_seq START WITH 10 INCREMENT BY 10;
CREATE SEQUENCE image_seq START WITH 50 INCREMENT BY 50;
CREATE SEQUENCE tag_seq START WITH 20 INCREMENT BY 20;

CREATE TABLE folders (
    id                 BIGINT PRIMARY KEY,
    path               VARCHAR(4096) NOT NULL,
    include_subfolders BOOLEAN NOT NULL,
    active             BOOLEAN NOT NULL,
    added_at           TIMESTAMP NOT NULL,
    CONSTRAINT folders_path_unique UNIQUE (path)
);

CREATE TABLE images (
    id           BIGINT PRIMARY KEY,
    folder_id    BIGINT NOT NULL REFERENCES folders (id) ON DELETE CASCADE,
    path         VARCHAR(4096) NOT NULL,
    directory    VARCHAR(4096) NOT NULL,
    file_name    VARCHAR(1024) NOT NULL,
    size_bytes   BIGINT NOT NULL,
    modified_at  TIMESTAMP NOT NULL,
    checksum     VARCHAR(64),
    status       VARCHAR(16) NOT NULL,
    error        VARCHAR(2000),
    attempts     INTEGER NOT NULL DEFAULT 0,
    description  VARCHAR(4000),
    model        VARCHAR(200),
    width        INTEGER,
    height       INTEGER,
    taken_at     TIMESTAMP,
    camera_make  VARCHAR(200),
    camera_model VARCHAR(200),
    lens         VARCHAR(200),
    orientation  INTEGER,
    latitude     DOUBLE PRECISION,
    longitude    DOUBLE PRECISION,
    tagged_at    TIMESTAMP,
    version      BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT images_path_unique UNIQUE (path)
);
-- A scan looks up one directory at a time; lists filter by folder and status.
CREATE INDEX images_directory_idx ON images (directory);
CREATE INDEX images_folder_status_idx ON images (folder_id, status);
CREATE INDEX images_status_idx ON images (status);
CREATE INDEX images_checksum_idx ON images (checksum);
CREATE INDEX images_taken_at_idx ON images (taken_at);

CREATE TABLE tags (
    id   BIGINT PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    CONSTRAINT tags_name_unique UNIQUE (name)
);

CREATE TABLE image_tags (
    image_id BIGINT NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    tag_id   BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    manual   BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (image_id, tag_id)
);
CREATE INDEX image_tags_tag_idx ON image_tags (tag_id);

-- Progress of each scan execution, written in the same chunk transaction as the images it counts.
CREATE TABLE scan_progress (
    execution_id BIGINT PRIMARY KEY,
    folder_id    BIGINT,
    total        BIGINT NOT NULL DEFAULT 0,
    done         BIGINT NOT NULL DEFAULT 0,
    tagged       BIGINT NOT NULL DEFAULT 0,
    failed       BIGINT NOT NULL DEFAULT 0,
    skipped      BIGINT NOT NULL DEFAULT 0,
    last_path    VARCHAR(4096),
    started_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
