package org.imagetagger.tagging.control;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daily time span in which model requests may be sent ({@code tagger.schedule.window}, {@code HH:MM-HH:MM}
 * in the server's time zone). The start belongs to the window, the end does not; an end before the start
 * crosses midnight ({@code 22:00-06:00}).
 */
public record ProcessingWindow(LocalTime start, LocalTime end) {

    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");

    public ProcessingWindow {
        if (start.equals(end)) {
            throw new IllegalArgumentException("a processing window must not start and end at the same time");
        }
    }

    /**
     * @param text {@code HH:MM-HH:MM}; blank for "always"
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Optional<ProcessingWindow> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("the processing window must look like HH:MM-HH:MM (e.g. 22:00-06:00), not \""
                    + shorten(text) + "\"");
        }
        LocalTime start = time(matcher.group(1));
        LocalTime end = time(matcher.group(2));
        if (start.equals(end)) {
            throw new IllegalArgumentException("the processing window must start and end at different times"
                    + " (leave it empty to send requests at any time)");
        }
        return Optional.of(new ProcessingWindow(start, end));
    }

    private static LocalTime time(String hhmm) {
        String padded = hhmm.length() == 4 ? "0" + hhmm : hhmm;
        try {
            return LocalTime.parse(padded);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + hhmm + "\" is not a time of day between 00:00 and 23:59");
        }
    }

    public boolean crossesMidnight() {
        return end.isBefore(start);
    }

    public boolean contains(LocalTime time) {
        return crossesMidnight()
                ? !time.isBefore(start) || time.isBefore(end)
                : !time.isBefore(start) && time.isBefore(end);
    }

    /** {@code now} itself when the window is open, else the next time it opens. */
    public LocalDateTime nextOpening(LocalDateTime now) {
        if (contains(now.toLocalTime())) {
            return now;
        }
        LocalDateTime today = now.toLocalDate().atTime(start);
        return today.isAfter(now) ? today : today.plusDays(1);
    }

    /** The next time the window closes after {@code now} (whether or not it is open now). */
    public LocalDateTime nextClosing(LocalDateTime now) {
        LocalDateTime today = now.toLocalDate().atTime(end);
        return today.isAfter(now) ? today : today.plusDays(1);
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 40 ? flat : flat.substring(0, 40) + "…";
    }
}
