package org.imagetagger.catalog.control;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a search text says: years and months ({@code 2019}, {@code 2019-07}) are date filters on the taken date
 * (else the file time), the rest is text. Of the text, the plain words (no quotes, no {@code -word}, no
 * {@code or}) of three or more letters are also looked for in file and folder names, camera and lens.
 */
public record SearchWords(String text, List<String> nameWords, List<Months> dates) {

    /** From the first day of one month until (exclusive) the first day after another. */
    public record Months(LocalDateTime from, LocalDateTime until) {
    }

    private static final Pattern DATE = Pattern.compile("(\\d{4})(?:-(\\d{1,2}))?");
    private static final int FIRST_YEAR = 1800;
    private static final int LAST_YEAR = 2200;
    static final int MIN_NAME_WORD = 3;

    public static SearchWords parse(String query) {
        if (query == null || query.isBlank()) {
            return new SearchWords("", List.of(), List.of());
        }
        List<String> rest = new ArrayList<>();
        List<Months> dates = new ArrayList<>();
        for (String word : query.strip().split("\\s+")) {
            Months months = months(word);
            if (months != null) {
                dates.add(months);
            } else {
                rest.add(word);
            }
        }
        String text = String.join(" ", rest);
        boolean operators = text.contains("\"") || rest.stream().anyMatch(w -> w.startsWith("-") || w.equalsIgnoreCase("or"));
        List<String> nameWords = operators ? List.of()
                : rest.stream().map(w -> w.toLowerCase(Locale.ROOT)).filter(w -> w.length() >= MIN_NAME_WORD).distinct().toList();
        return new SearchWords(text, nameWords, dates);
    }

    static Months months(String word) {
        Matcher m = DATE.matcher(word);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            return null;
        }
        if (m.group(2) == null) {
            LocalDateTime start = LocalDate.of(year, 1, 1).atStartOfDay();
            return new Months(start, start.plusYears(1));
        }
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12) {
            return null;
        }
        LocalDateTime start = YearMonth.of(year, month).atDay(1).atStartOfDay();
        return new Months(start, start.plusMonths(1));
    }

    public boolean hasText() {
        return !text.isBlank();
    }

    /** A {@code LIKE} pattern finding the word anywhere ({@code \} escapes the pattern's own characters). */
    static String containing(String word) {
        return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
