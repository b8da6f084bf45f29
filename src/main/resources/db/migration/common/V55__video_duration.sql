-- Videos: their length in seconds (null for photos). Whether an image is a video follows from its file name.
ALTER TABLE images ADD COLUMN duration_seconds DOUBLE PRECISION;
