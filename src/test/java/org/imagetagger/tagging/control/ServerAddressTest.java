package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

    @Test
    void serversWithoutTheirOwnLimitShareTheConcurrency() {
        assertEquals(List.of(new ServerAddress("http://a:11434", 4), new ServerAddress("http://b:11434", 4)),
                ServerAddress.parseAll(List.of("http://a:11434/", "http://b:11434"), 8));
        assertEquals(List.of(new ServerAddress("http://a:11434", 2)), ServerAddress.parseAll(List.of("http://a:11434"), 2));
    }

    @Test
    void aHashSuffixGivesAServerItsOwnLimitAndTheOthersShareTheRest() {
        assertEquals(List.of(new ServerAddress("http://gpu1:11434", 6), new ServerAddress("http://gpu2:11434", 2)),
                ServerAddress.parseAll(List.of("http://gpu1:11434#6", "http://gpu2:11434"), 8));
    }

    @Test
    void everyServerGetsAtLeastOneSlot() {
        assertEquals(1, ServerAddress.parseAll(List.of("http://a#8", "http://b"), 8).get(1).parallel());
    }

    @Test
    void aLimitThatIsNotAPositiveNumberIsRefusedWithTheUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerAddress.parseAll(List.of("http://a:11434#zero"), 2));
        assertTrue(e.getMessage().contains("http://a:11434#zero"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerAddress.parseAll(List.of("http://a#0"), 2));
    }
}
