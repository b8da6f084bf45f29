package org.imagetagger.platform;

/**
 * Fired once, when the database is reachable and migrated: at start, or later when it comes up. Components that
 * work on the database (cluster membership, shared limits, scans, the watcher) start on it, in their priority order,
 * instead of at application start, so that a server started before its database runs and waits.
 */
public record DatabaseReady() {
}
