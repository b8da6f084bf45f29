package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imagetagger.tagging.entity.VisionUnavailableException;
import org.junit.jupiter.api.Test;

class VisionServerPoolTest {

    // The pool never calls the server itself, so no REST client is needed here.
    private final VisionServerPool pool = new VisionServerPool(
            List.of(new ServerAddress("http://a", 2), new ServerAddress("http://b", 3)), address -> null, Duration.ofMillis(200));

    @Test
    void spreadsRequestsOverTheServersWithinEachOnesLimit() {
        List<VisionServerPool.Lease> leases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leases.add(pool.lease());
        }
        Map<String, Integer> perServer = new HashMap<>();
        leases.forEach(lease -> perServer.merge(lease.baseUrl(), 1, Integer::sum));
        assertEquals(Map.of("http://a", 2, "http://b", 3), perServer);
        assertThrows(VisionUnavailableException.class, pool::lease, "all five slots are taken");
        leases.get(0).close();
        try (VisionServerPool.Lease freed = pool.lease()) {
            assertEquals(leases.get(0).baseUrl(), freed.baseUrl());
        }
    }

    @Test
    void aServerThatFailsThreeTimesInARowGetsNoMoreRequests() {
        for (int i = 0; i < 3; i++) {
            try (VisionServerPool.Lease lease = leaseOf("http://a")) {
                lease.failed();
            }
        }
        assertEquals(List.of("http://b"), pool.inRotation());
        for (int i = 0; i < 10; i++) {
            try (VisionServerPool.Lease lease = pool.lease()) {
                assertEquals("http://b", lease.baseUrl());
                lease.answered();
            }
        }
    }

    @Test
    void aRetryAfterAFailureGoesToTheOtherServer() {
        String failing;
        try (VisionServerPool.Lease lease = pool.lease()) {
            failing = lease.baseUrl();
            lease.failed();
        }
        try (VisionServerPool.Lease retry = pool.lease()) {
            assertTrue(!retry.baseUrl().equals(failing), "retry went to " + retry.baseUrl());
        }
    }

    @Test
    void whenEveryServerIsPausedRequestsStillGoOutForTheCallersRetryToJudge() {
        VisionServerPool single = new VisionServerPool(List.of(new ServerAddress("http://a", 1)), address -> null, Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            try (VisionServerPool.Lease lease = single.lease()) {
                lease.failed();
            }
        }
        assertEquals(List.of(), single.inRotation());
        try (VisionServerPool.Lease lease = single.lease()) {
            assertEquals("http://a", lease.baseUrl());
        }
    }

    private VisionServerPool.Lease leaseOf(String baseUrl) {
        List<VisionServerPool.Lease> others = new ArrayList<>();
        try {
            while (true) {
                VisionServerPool.Lease lease = pool.lease();
                if (lease.baseUrl().equals(baseUrl)) {
                    return lease;
                }
                others.add(lease);
            }
        } finally {
            others.forEach(VisionServerPool.Lease::close);
        }
    }
}
