-- PostgreSQL only: full-text search through two SQL functions that JPQL calls with FUNCTION(), which
-- EclipseLink and Hibernate both understand (EclipseLink's SQL() operator is not JPA). The planner inlines
-- these one-line functions, so the GIN index on the same expression serves tagger_text_match.
-- websearch_to_tsquery reads words, "quoted phrases", -excluded words and or; English stemming lets "dogs" find "dog".
CREATE FUNCTION tagger_text_match(doc TEXT, query TEXT) RETURNS BOOLEAN
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('english', coalesce(doc, '')) @@ websearch_to_tsquery('english', query) $$;

CREATE FUNCTION tagger_text_rank(doc TEXT, query TEXT) RETURNS REAL
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ts_rank(to_tsvector('english', coalesce(doc, '')), websearch_to_tsquery('english', query)) $$;

CREATE INDEX images_text_idx ON images USING GIN (to_tsvector('english', coalesce(search_text::TEXT, '')));

-- Replaced by the expression index above (V11's stored column could only be reached with provider-specific SQL).
DROP INDEX images_search_idx;
ALTER TABLE images DROP COLUMN search_vector;
