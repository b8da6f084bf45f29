-- PostgreSQL only: the timeline's order (taken date, else file time; then id) as an index, so that keyset pages
-- (?after=<cursor>) and the first page of sort=newest/oldest read a few index entries at any depth.
CREATE INDEX images_timeline_idx ON images ((coalesce(taken_at, modified_at)), id);
