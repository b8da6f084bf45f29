-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- Several servers on one database share the work through these tables (README "Running several instances").

-- Every running server, with a heartbeat on the database's clock; one that stops beating is dead.
CREATE TABLE cluster_members (
    member_id     VARCHAR(300) PRIMARY KEY,
    member_name   VARCHAR(200) NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    wants_vision  BOOLEAN DEFAULT FALSE NOT NULL
);

-- One scan of a folder, over all its executions on all servers. active_folder_id is the folder's id while the
-- scan is active and null afterwards: its unique index lets only one scan per folder be active, cluster-wide.
CREATE SEQUENCE scan_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE scans (
    scan_id           BIGINT PRIMARY KEY,
    folder_id         BIGINT NOT NULL,
    active_folder_id  BIGINT UNIQUE,
    scan_mode         VARCHAR(20) NOT NULL,
    scan_state        VARCHAR(20) NOT NULL,
    planned           BOOLEAN DEFAULT FALSE NOT NULL,
    lead_execution    BIGINT,
    total             BIGINT DEFAULT 0 NOT NULL,
    done              BIGINT DEFAULT 0 NOT NULL,
    tagged            BIGINT DEFAULT 0 NOT NULL,
    failed            BIGINT DEFAULT 0 NOT NULL,
    skipped           BIGINT DEFAULT 0 NOT NULL,
    last_path         VARCHAR(4096),
    started_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

-- Which server runs which execution of which scan, and how it ended (null while it runs): every instance reads
-- this rather than a batch runtime's cache of executions it does not run.
CREATE TABLE scan_executions (
    execution_id  BIGINT PRIMARY KEY,
    scan_id       BIGINT NOT NULL REFERENCES scans (scan_id) ON DELETE CASCADE,
    member_id     VARCHAR(300) NOT NULL,
    member_name   VARCHAR(200) NOT NULL,
    end_status    VARCHAR(20)
);
CREATE INDEX scan_executions_by_scan ON scan_executions (scan_id);

-- The files a scan planned: QUEUED, then CLAIMED by one execution of one server, then DONE with the chunk
-- that wrote it.
CREATE TABLE scan_items (
    scan_id          BIGINT NOT NULL REFERENCES scans (scan_id) ON DELETE CASCADE,
    seq              BIGINT NOT NULL,
    path             VARCHAR(4096) NOT NULL,
    item_state       VARCHAR(10) NOT NULL,
    owner_member     VARCHAR(300),
    owner_execution  BIGINT,
    PRIMARY KEY (scan_id, seq)
);
CREATE INDEX scan_items_by_state ON scan_items (scan_id, item_state, seq);

-- The slots of a limit that holds for the whole cluster (vision requests in flight, per server and in all);
-- a server sends only as many requests as it holds slots.
CREATE TABLE vision_slots (
    resource_name  VARCHAR(2100) NOT NULL,
    slot           INT NOT NULL,
    holder         VARCHAR(300),
    PRIMARY KEY (resource_name, slot)
);

-- The one server that watches an active folder.
ALTER TABLE folders ADD COLUMN watched_by VARCHAR(300);

-- Secrets every server must share, e.g. the key that signs browser sessions.
CREATE TABLE cluster_secrets (
    secret_name   VARCHAR(100) PRIMARY KEY,
    secret_value  VARCHAR(200) NOT NULL
);

-- Progress now belongs to the scan (scans.total, done, ...), not to one execution.
DROP TABLE scan_progress;
