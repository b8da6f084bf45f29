package org.imagetagger.cluster.control;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * This server's part of a limit that holds for all servers together: it may use as many slots as it holds
 * ({@link SharedLimits} claims and gives back the rows behind them). Used like a semaphore whose size changes;
 * a limit nobody waited for or used lately is not wanted, and its slots go back to the others.
 */
public final class SharedLimit {

    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final String resource;
    private final Runnable wakeUp;
    private final LongSupplier clock;
    private int total;
    private int held;
    private int inUse;
    private int waiting;
    private long lastWanted;

    SharedLimit(String resource, int total, Runnable wakeUp, LongSupplier clock) {
        this.resource = resource;
        this.total = total;
        this.wakeUp = wakeUp;
        this.clock = clock;
        this.lastWanted = clock.getAsLong() - IDLE_NANOS;
    }

    /** A limit of one server alone: all its slots are held from the start. */
    public static SharedLimit fixed(int slots) {
        SharedLimit limit = new SharedLimit("local", slots, () -> { }, System::nanoTime);
        limit.held = slots;
        return limit;
    }

    /** Waits for a slot this server holds. */
    public void acquire() throws InterruptedException {
        boolean wake;
        synchronized (this) {
            lastWanted = clock.getAsLong();
            wake = held == 0;
        }
        if (wake) {
            wakeUp.run();
        }
        synchronized (this) {
            waiting++;
            try {
                while (inUse >= held) {
                    wait();
                }
            } finally {
                waiting--;
            }
            inUse++;
        }
    }

    /** A slot if one is free now; a miss still counts as wanting this limit. */
    public boolean tryAcquire() {
        boolean wake;
        synchronized (this) {
            lastWanted = clock.getAsLong();
            if (inUse < held) {
                inUse++;
                return true;
            }
            wake = held == 0;
        }
        if (wake) {
            wakeUp.run();
        }
        return false;
    }

    public synchronized void release() {
        inUse--;
        lastWanted = clock.getAsLong();
        notifyAll();
    }

    public synchronized int inUse() {
        return inUse;
    }

    public synchronized int held() {
        return held;
    }

    public String resource() {
        return resource;
    }

    synchronized int total() {
        return total;
    }

    synchronized void total(int newTotal) {
        total = newTotal;
    }

    synchronized boolean wanted() {
        return waiting > 0 || inUse > 0 || clock.getAsLong() - lastWanted < IDLE_NANOS;
    }

    /** Gives up slots down to {@code desired}, but never those in use; returns how many were given up. */
    synchronized int shrinkTo(int desired) {
        int keep = Math.max(desired, inUse);
        int given = Math.max(0, held - keep);
        held -= given;
        return given;
    }

    /** The slots this server holds now, as the table says. */
    synchronized void holds(int slots) {
        held = slots;
        notifyAll();
    }
}
