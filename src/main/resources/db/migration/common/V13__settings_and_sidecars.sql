-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- Settings changed through PUT /api/settings, one row per MicroProfile Config key they override
-- (no row: the configured value applies). Column names avoid H2 keywords (key, value).
CREATE TABLE app_settings (
    setting_name  VARCHAR(100) PRIMARY KEY,
    setting_text  VARCHAR(8000) NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- Why the XMP sidecar of an image could not be written (null: written, or sidecars off).
ALTER TABLE images ADD COLUMN sidecar_warning VARCHAR(2000);
-- A description another tool wrote into the file or its sidecar (IPTC caption, XMP dc:description).
ALTER TABLE images ADD COLUMN imported_description VARCHAR(4000);
