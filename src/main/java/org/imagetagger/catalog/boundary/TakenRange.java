package org.imagetagger.catalog.boundary;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.imagetagger.catalog.control.ImageSearch;
import org.imagetagger.platform.ApiException;

/**
 * The {@code takenFrom}/{@code takenTo} parameters of the image list: ISO dates ({@code 2024-05-01}, the whole
 * day included) or date-times ({@code 2024-05-01T14:30:00}, a trailing {@code Z} allowed). EXIF times are the
 * camera's local time, so both are compared as written, with no zone shift.
 */
final class TakenRange {

    private TakenRange() {
    }

    static ImageSearch.Range parse(String from, String to) {
        LocalDateTime start = blank(from) ? null : read("takenFrom", from, false);
        LocalDateTime end = blank(to) ? null : read("takenTo", to, true);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.badRequest("takenFrom (" + from.strip() + ") must not be after takenTo (" + to.strip() + ")");
        }
        return new ImageSearch.Range(start, end);
    }

    /** The inclusive start, or the exclusive end: the day after a date, a microsecond (the column's precision) after a time. */
    private static LocalDateTime read(String name, String value, boolean end) {
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return end ? day.plusDays(1).atStartOfDay() : day.atStartOfDay();
            }
            LocalDateTime time = LocalDateTime.parse(text.endsWith("Z") || text.endsWith("z") ? text.substring(0, text.length() - 1) : text);
            return end ? time.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS) : time;
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " must be an ISO date (2024-05-31) or date-time (2024-05-31T18:00:00), not '" + value + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
