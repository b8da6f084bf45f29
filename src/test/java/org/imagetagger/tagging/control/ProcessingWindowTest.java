package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcessingWindowTest {

    private static ProcessingWindow window(String text) {
        return ProcessingWindow.parse(text).orElseThrow();
    }

    @Test
    void blankMeansAlways() {
        assertEquals(Optional.empty(), ProcessingWindow.parse(null));
        assertEquals(Optional.empty(), ProcessingWindow.parse("  "));
    }

    @Test
    void sameDayWindowIncludesItsStartAndExcludesItsEnd() {
        ProcessingWindow office = window("09:00-17:30");
        assertFalse(office.crossesMidnight());
        assertFalse(office.contains(LocalTime.of(8, 59, 59)));
        assertTrue(office.contains(LocalTime.of(9, 0)));
        assertTrue(office.contains(LocalTime.of(17, 29, 59)));
        assertFalse(office.contains(LocalTime.of(17, 30)));
        assertFalse(office.contains(LocalTime.MIDNIGHT));
    }

    @Test
    void nightWindowCrossesMidnight() {
        ProcessingWindow night = window("22:00-06:00");
        assertTrue(night.crossesMidnight());
        assertTrue(night.contains(LocalTime.of(22, 0)));
        assertTrue(night.contains(LocalTime.of(23, 59, 59)));
        assertTrue(night.contains(LocalTime.MIDNIGHT));
        assertTrue(night.contains(LocalTime.of(5, 59)));
        assertFalse(night.contains(LocalTime.of(6, 0)));
        assertFalse(night.contains(LocalTime.NOON));
        assertFalse(night.contains(LocalTime.of(21, 59, 59)));
    }

    @Test
    void nextOpeningIsTodayOrTomorrowAndNowWhenOpen() {
        ProcessingWindow night = window("22:00-06:00");
        LocalDateTime noon = LocalDateTime.of(2026, 12, 1, 12, 0);
        assertEquals(LocalDateTime.of(2026, 12, 1, 22, 0), night.nextOpening(noon));
        assertEquals(LocalDateTime.of(2026, 12, 2, 6, 0), night.nextClosing(noon));
        LocalDateTime lateNight = LocalDateTime.of(2026, 12, 1, 23, 0);
        assertEquals(lateNight, night.nextOpening(lateNight));
        assertEquals(LocalDateTime.of(2026, 12, 2, 6, 0), night.nextClosing(lateNight));
        LocalDateTime earlyMorning = LocalDateTime.of(2026, 12, 31, 3, 0);
        assertEquals(earlyMorning, night.nextOpening(earlyMorning));
        assertEquals(LocalDateTime.of(2026, 12, 31, 6, 0), night.nextClosing(earlyMorning));

        ProcessingWindow morning = window("08:00-09:00");
        assertEquals(LocalDateTime.of(2027, 1, 1, 8, 0), morning.nextOpening(LocalDateTime.of(2026, 12, 31, 9, 0)));
        assertEquals(LocalDateTime.of(2026, 12, 31, 8, 0), morning.nextOpening(LocalDateTime.of(2026, 12, 31, 7, 59)));
    }

    @Test
    void singleDigitHoursAndSpacesAreAcceptedAndWrittenBackNormalised() {
        assertEquals("06:00-22:30", window(" 6:00 - 22:30 ").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"22-06", "22:00", "24:00-06:00", "22:00-06:60", "10:00-10:00", "22:00-06:00-08:00", "ab:cd-ef:gh"})
    void nonsenseIsRefusedWithAReason(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ProcessingWindow.parse(text));
        assertFalse(refused.getMessage().isBlank());
    }
}
