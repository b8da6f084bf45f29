-- Tag filters look up image ids by tag: with both columns in the index that needs no table access.
DROP INDEX image_tags_tag_idx;
CREATE INDEX image_tags_tag_image_idx ON image_tags (tag_id, image_id);
