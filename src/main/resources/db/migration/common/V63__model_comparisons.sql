-- Portable SQL: runs on PostgreSQL and on the embedded H2 database.
-- What another model (or prompt) answered for a sample of a folder's images (issue 15), beside what the catalog
-- holds; written by the compareModels job only, never into images.
CREATE SEQUENCE comparison_result_seq START WITH 20 INCREMENT BY 20;
CREATE TABLE comparison_results (
    id                       BIGINT PRIMARY KEY,
    execution_id             BIGINT NOT NULL,
    folder_id                BIGINT NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
    image_id                 BIGINT NOT NULL,
    path                     VARCHAR(4096) NOT NULL,
    current_model            VARCHAR(255),
    current_description      VARCHAR(4000),
    current_tags             VARCHAR(8000),
    current_server_millis    BIGINT,
    candidate_model          VARCHAR(255) NOT NULL,
    candidate_description    VARCHAR(4000),
    candidate_tags           VARCHAR(8000),
    candidate_millis         BIGINT,
    candidate_server_millis  BIGINT,
    failure                  VARCHAR(2000),
    compared_at              TIMESTAMP NOT NULL
);
CREATE INDEX comparison_results_execution_idx ON comparison_results (execution_id);
