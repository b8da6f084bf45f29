-- PostgreSQL only: each image's tag ids as an array with a GIN index, so that "text + two tags" is one
-- bitmap AND of two GIN indexes instead of a join per tag (docs/BENCHMARKS.md). image_tags stays the truth;
-- the trigger below keeps the copy in step with every insert, delete and update there, whoever makes it.
ALTER TABLE images ADD COLUMN tag_ids BIGINT[] NOT NULL DEFAULT '{}';
UPDATE images i SET tag_ids = ARRAY(SELECT t.tag_id FROM image_tags t WHERE t.image_id = i.id ORDER BY t.tag_id)
 WHERE EXISTS (SELECT 1 FROM image_tags t WHERE t.image_id = i.id);
CREATE INDEX images_tag_ids_idx ON images USING GIN (tag_ids);

CREATE FUNCTION image_tag_ids_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE images SET tag_ids = array_remove(tag_ids, OLD.tag_id)
         WHERE id = OLD.image_id AND tag_ids @> ARRAY[OLD.tag_id];
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE images SET tag_ids = tag_ids || NEW.tag_id
         WHERE id = NEW.image_id AND NOT tag_ids @> ARRAY[NEW.tag_id];
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER image_tags_sync_tag_ids
    AFTER INSERT OR DELETE OR UPDATE OF image_id, tag_id ON image_tags
    FOR EACH ROW EXECUTE FUNCTION image_tag_ids_sync();
