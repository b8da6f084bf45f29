package org.imagetagger.scan.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;

class ScanJobListenerTest {

    @Test
    void aJobOnItsWayOutIsCountedUnderTheStatusItWillEndIn() {
        assertEquals(BatchStatus.COMPLETED, ScanJobListener.finalStatus(BatchStatus.STARTED));
        assertEquals(BatchStatus.COMPLETED, ScanJobListener.finalStatus(BatchStatus.STARTING));
        assertEquals(BatchStatus.STOPPED, ScanJobListener.finalStatus(BatchStatus.STOPPING));
        assertEquals(BatchStatus.FAILED, ScanJobListener.finalStatus(BatchStatus.FAILED));
        assertEquals(BatchStatus.STOPPED, ScanJobListener.finalStatus(BatchStatus.STOPPED));
    }
}
