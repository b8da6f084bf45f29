package org.imagetagger.settings.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VisionConnectionTestReasonTest {

    private static final String URL = "http://printer.lan";

    @Test
    void aFailedTestSaysStatusAndReasonButNeverTheBodyOrAClass() {
        assertEquals("vision server http://printer.lan answered 401 Unauthorized",
                VisionConnectionTest.shortReason(URL, "vision server http://printer.lan answered 401: <html>admin password: hunter2</html>"));
        assertEquals("vision server http://printer.lan answered 200 OK, but not a model list",
                VisionConnectionTest.shortReason(URL, "vision server http://printer.lan answered 200 with a body that is not JSON: root:x:0:0"));
        assertEquals("vision server http://printer.lan unreachable: connection refused",
                VisionConnectionTest.shortReason(URL, "vision server http://printer.lan unreachable: ConnectException Connection refused"));
        assertEquals("vision server http://printer.lan unreachable: timed out",
                VisionConnectionTest.shortReason(URL, "vision server http://printer.lan unreachable: HttpTimeoutException request timed out"));
        assertEquals("vision server http://printer.lan could not be asked", VisionConnectionTest.shortReason(URL, null));
        assertEquals("bad thing", VisionConnectionTest.shortReason(URL, "java.lang.IllegalStateException: bad thing"));
    }
}
