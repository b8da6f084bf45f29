/**
 * Folder watching: a WatchService over every active folder, polled by a task on the default managed
 * scheduled executor. It waits until files have settled, batches them per folder and hands them to
 * {@code tagImages} through {@code ScanLauncher}; it never calls the vision server and never opens a
 * transaction. Overflow, a folder that comes back and application start lead to a {@code new} scan.
 */
package org.imagetagger.watch;
