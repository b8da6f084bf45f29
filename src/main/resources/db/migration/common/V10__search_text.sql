-- What text search looks in: description, tags and file name, kept by the application (Image.searchText).
ALTER TABLE images ADD COLUMN search_text VARCHAR(8000);
UPDATE images SET search_text = coalesce(description, '') || ' ' || file_name;
