package org.imagetagger.tagging.control;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.imagetagger.cluster.control.SharedLimit;
import org.imagetagger.tagging.entity.VisionUnavailableException;

/**
 * The vision servers of one configuration, each with its own limit of requests in flight and its own
 * {@link ServerHealth}. A request leases the least busy server in rotation that has a free slot, so a
 * retry after a failure goes elsewhere when it can, and a server that keeps failing gets nothing until
 * its pause is over. When every server is paused, requests go to them anyway: then the call's own retry
 * and circuit breaker (MicroProfile Fault Tolerance) decide, as with a single server. A server's limit is a
 * {@link SharedLimit}: with several instances on one database, this instance's share of it.
 */
public class VisionServerPool {

    static final int FAILURES_TO_PAUSE = 3;
    static final Duration PAUSE = Duration.ofSeconds(10);
    private static final long SHARE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final List<Member> members;
    private final Duration maxWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition slotFreed = lock.newCondition();
    private int leased;
    private boolean retired;

    /** Each server with its own limit of {@link ServerAddress#parallel()} requests, for tests and a single instance. */
    public VisionServerPool(List<ServerAddress> addresses, Function<ServerAddress, VisionServer> connect, Duration maxWait) {
        this(addresses, connect, a -> SharedLimit.fixed(a.parallel()), maxWait);
    }

    public VisionServerPool(List<ServerAddress> addresses, Function<ServerAddress, VisionServer> connect,
                            Function<ServerAddress, SharedLimit> limits, Duration maxWait) {
        this.members = addresses.stream()
                .map(a -> new Member(a, connect.apply(a), new ServerHealth(FAILURES_TO_PAUSE, PAUSE, System::nanoTime), limits.apply(a)))
                .toList();
        this.maxWait = maxWait;
    }

    /**
     * A server for one request; waits up to maxWait for a free slot (not counting time in which other
     * instances hold every slot), and fails at once when none is in rotation.
     */
    public Lease lease() {
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            while (true) {
                boolean anyInRotation = members.stream().anyMatch(m -> m.health.inRotation());
                Member chosen = choose(anyInRotation);
                if (chosen != null) {
                    leased++;
                    return new Lease(chosen);
                }
                long now = System.nanoTime();
                if (members.stream().allMatch(m -> m.slots.held() == 0)) {
                    // Other instances hold every slot now: that is waiting for a share, not a stuck server.
                    deadline = now + maxWait.toNanos();
                }
                long left = deadline - now;
                if (left <= 0) {
                    throw new VisionUnavailableException("no vision server had a free slot for " + maxWait.toSeconds() + " s: " + addresses());
                }
                // Slots also come from the other instances, which signal nothing here: look again soon.
                slotFreed.await(Math.min(left, SHARE_POLL_NANOS), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VisionUnavailableException("interrupted while waiting for a vision server");
        } finally {
            lock.unlock();
        }
    }

    /** The least busy admitted server that gives a slot; takes that slot. */
    private Member choose(boolean healthOnly) {
        return members.stream()
                .sorted(Comparator.comparingInt((Member m) -> m.health.failuresInARow())
                        .thenComparingDouble(m -> m.slots.inUse() / (double) m.address.parallel()))
                .filter(m -> !healthOnly || m.health.admits())
                .filter(m -> m.slots.tryAcquire())
                .findFirst().orElse(null);
    }

    /** The server in rotation with the fewest failures, for a request too small to wait for a slot (a search's embedding). */
    public VisionServer leastFailing() {
        return members.stream().min(Comparator.comparingInt((Member m) -> m.health.inRotation() ? 0 : 1)
                .thenComparingInt(m -> m.health.failuresInARow())).map(m -> m.server).orElseThrow();
    }

    /** Base URLs of the servers in rotation now. */
    public List<String> inRotation() {
        return members.stream().filter(m -> m.health.inRotation()).map(m -> m.address.baseUrl()).toList();
    }

    private String addresses() {
        return String.join(", ", members.stream().map(m -> m.address.baseUrl()).toList());
    }

    /** Replaced by a pool of new settings: its clients are closed once the requests in flight on them ended. */
    public void retire() {
        lock.lock();
        try {
            retired = true;
            closeIfRetiredAndIdle();
        } finally {
            lock.unlock();
        }
    }

    private void closeIfRetiredAndIdle() {
        if (retired && leased == 0) {
            members.forEach(m -> m.server.close());
        }
    }

    private static final class Member {
        final ServerAddress address;
        final VisionServer server;
        final ServerHealth health;
        final SharedLimit slots;

        Member(ServerAddress address, VisionServer server, ServerHealth health, SharedLimit slots) {
            this.address = address;
            this.server = server;
            this.health = health;
            this.slots = slots;
        }
    }

    /** One slot on one server; report how the request went, then close it. */
    public final class Lease implements AutoCloseable {
        private final Member member;
        private boolean closed;

        private Lease(Member member) {
            this.member = member;
        }

        public VisionServer server() {
            return member.server;
        }

        public String baseUrl() {
            return member.address.baseUrl();
        }

        /** The server answered (even with an error about the request): it is alive. */
        public void answered() {
            member.health.succeeded();
        }

        /** The server failed to answer (5xx, refused, too slow). */
        public void failed() {
            member.health.failed();
        }

        @Override
        public void close() {
            lock.lock();
            try {
                if (!closed) {
                    closed = true;
                    leased--;
                    member.slots.release();
                    slotFreed.signalAll();
                    closeIfRetiredAndIdle();
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
