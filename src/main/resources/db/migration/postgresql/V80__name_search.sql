-- PostgreSQL only: search that finds what people type in names. pg_trgm (contrib; a trusted extension, so the
-- database owner may create it) indexes the trigrams of each image's file name, folder path, camera make and
-- model and lens, so that a part of a name (LIKE '%beach%') and a typo ("vacaton", word similarity at
-- pg_trgm's default threshold 0.6) are found through one GIN index, beside the full-text index of V20.
-- tagger_name_match is inlined by the planner, so the index on the same expression serves it; it is STABLE, not
-- IMMUTABLE, because <% reads the threshold setting (an IMMUTABLE wrapper of a STABLE operator is never inlined).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE FUNCTION tagger_name_match(file_name TEXT, directory TEXT, make TEXT, model TEXT, lens TEXT, pattern TEXT, word TEXT)
    RETURNS BOOLEAN LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT lower(file_name || ' ' || directory || ' ' || coalesce(make, '') || ' ' || coalesce(model, '') || ' ' || coalesce(lens, '')) LIKE pattern
              OR word <% lower(file_name || ' ' || directory || ' ' || coalesce(make, '') || ' ' || coalesce(model, '') || ' ' || coalesce(lens, '')) $$;

CREATE INDEX images_names_trgm_idx ON images USING GIN (
    lower(file_name::TEXT || ' ' || directory::TEXT || ' ' || coalesce(camera_make::TEXT, '') || ' ' || coalesce(camera_model::TEXT, '')
          || ' ' || coalesce(lens::TEXT, '')) gin_trgm_ops);
