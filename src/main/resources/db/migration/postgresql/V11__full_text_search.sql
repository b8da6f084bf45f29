-- PostgreSQL only: full-text search over images.search_text, as a stored tsvector with a GIN index.
-- English stemming lets "dogs" find "dog". ImageSearch queries it with websearch_to_tsquery.
ALTER TABLE images ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(search_text, ''))) STORED;
CREATE INDEX images_search_idx ON images USING GIN (search_vector);
