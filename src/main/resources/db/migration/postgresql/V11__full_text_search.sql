-- PostgreSQL only: full-text search over images.search_text. The functions are plain SQL, so the planner
-- inlines them into the query and the expression GIN index below serves the @@ condition.
-- English stemming lets "dogs" find "dog".
CREATE INDEX images_search_idx ON images USING GIN (to_tsvector('english', coalesce(search_text, '')));

CREATE FUNCTION tagger_text_match(document VARCHAR, query VARCHAR) RETURNS BOOLEAN AS $$
    SELECT to_tsvector('english', coalesce($1, '')) @@ websearch_to_tsquery('english', $2)
$$ LANGUAGE SQL IMMUTABLE;

CREATE FUNCTION tagger_text_rank(document VARCHAR, query VARCHAR) RETURNS REAL AS $$
    SELECT ts_rank(to_tsvector('english', coalesce($1, '')), websearch_to_tsquery('english', $2))
$$ LANGUAGE SQL IMMUTABLE;
