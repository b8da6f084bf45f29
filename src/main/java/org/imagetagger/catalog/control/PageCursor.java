package org.imagetagger.catalog.control;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import org.imagetagger.catalog.entity.Image;

/**
 * Where a keyset page ends: the sort key of its last image and that image's id, so that the next page is read
 * from the index at any depth instead of skipping an offset. Opaque to clients: base64url of
 * {@code sort|key|id}. A month of the timeline is a cursor too (its first image follows it).
 */
public record PageCursor(ImageSearch.Sort sort, String key, long id) {

    public static PageCursor after(ImageSearch.Sort sort, Image last) {
        return new PageCursor(sort, sort == ImageSearch.Sort.PATH ? last.getPath() : timeOf(last).toString(), last.getId());
    }

    /** The cursor whose next page starts with the newest (or, sorted oldest first, the oldest) image of a month. */
    public static PageCursor atMonth(ImageSearch.Sort sort, int year, int month) {
        LocalDateTime start = LocalDateTime.of(year, month, 1, 0, 0);
        // Newest first: everything before the next month; oldest first: from the month's start (id 0 precedes all).
        return new PageCursor(sort, (sort == ImageSearch.Sort.OLDEST ? start : start.plusMonths(1)).toString(), 0);
    }

    public static LocalDateTime timeOf(Image image) {
        return image.getTakenAt() != null ? image.getTakenAt() : image.getModifiedAt();
    }

    /** @throws IllegalArgumentException when the text is no cursor of ours */
    public static PageCursor parse(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.UTF_8).split("\\|", 3);
            ImageSearch.Sort sort = ImageSearch.Sort.valueOf(parts[0]);
            long id = Long.parseLong(parts[1]);
            String key = parts[2];
            if (sort != ImageSearch.Sort.PATH) {
                LocalDateTime.parse(key);
            }
            return new PageCursor(sort, key, id);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a page cursor: " + text, e);
        }
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((sort.name() + "|" + id + "|" + key).getBytes(StandardCharsets.UTF_8));
    }

    Object keyValue() {
        return sort == ImageSearch.Sort.PATH ? key : LocalDateTime.parse(key);
    }
}
