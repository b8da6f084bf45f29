package org.imagetagger.catalog.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchWordsTest {

    @Test
    void yearsAndMonthsBecomeDateRangesAndTheRestStaysText() {
        SearchWords words = SearchWords.parse("  Canon 2019 beach-trip 2021-03 ");
        assertEquals("Canon beach-trip", words.text());
        assertEquals(List.of("canon", "beach-trip"), words.nameWords());
        assertEquals(List.of(new SearchWords.Months(LocalDateTime.of(2019, 1, 1, 0, 0), LocalDateTime.of(2020, 1, 1, 0, 0)),
                new SearchWords.Months(LocalDateTime.of(2021, 3, 1, 0, 0), LocalDateTime.of(2021, 4, 1, 0, 0))), words.dates());
    }

    @Test
    void numbersThatAreNoYearOrMonthStayText() {
        assertNull(SearchWords.months("1234"));
        assertNull(SearchWords.months("2019-13"));
        assertNull(SearchWords.months("20190"));
        assertEquals("img 0042 2019-00", SearchWords.parse("img 0042 2019-00").text());
    }

    @Test
    void fullTextOperatorsAndShortWordsAreNotLookedForInNames() {
        assertEquals(List.of(), SearchWords.parse("beach -dog").nameWords());
        assertEquals(List.of(), SearchWords.parse("\"red car\"").nameWords());
        assertEquals(List.of(), SearchWords.parse("cat or dog").nameWords());
        assertEquals(List.of("dog"), SearchWords.parse("a dog").nameWords());
        assertFalse(SearchWords.parse("2019").hasText());
    }

    @Test
    void likePatternsEscapeTheirOwnCharacters() {
        assertEquals("%100\\%\\_a\\\\b%", SearchWords.containing("100%_a\\b"));
    }

    @Test
    void aCursorSurvivesItsTextAndAMonthCursorStartsAtTheMonthsEdge() {
        PageCursor cursor = new PageCursor(ImageSearch.Sort.PATH, "/photos/a|b.jpg", 42);
        assertEquals(cursor, PageCursor.parse(cursor.encode()));
        assertEquals("2019-08-01T00:00", PageCursor.atMonth(ImageSearch.Sort.NEWEST, 2019, 7).key());
        assertEquals("2019-07-01T00:00", PageCursor.atMonth(ImageSearch.Sort.OLDEST, 2019, 7).key());
        assertThrows(IllegalArgumentException.class, () -> PageCursor.parse("nonsense"));
    }
}
