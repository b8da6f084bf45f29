package org.imagetagger.platform;

import jakarta.enterprise.context.ApplicationScoped;

/** Whether the database can be used yet, and if not, why, in words for health and for 503 answers. */
@ApplicationScoped
public class DatabaseAvailability {

    private volatile boolean ready;
    private volatile String problem = "the database has not been reached yet";

    public boolean ready() {
        return ready;
    }

    /** Why the database cannot be used, while it cannot. */
    public String problem() {
        return problem;
    }

    /** One that is ready, for unit tests of the components that ask. */
    public static DatabaseAvailability readyForTests() {
        DatabaseAvailability ready = new DatabaseAvailability();
        ready.available();
        return ready;
    }

    void unavailable(String why) {
        ready = false;
        problem = why;
    }

    void available() {
        ready = true;
    }
}
