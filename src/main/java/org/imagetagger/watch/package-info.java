/**
 * Folder watching: a WatchService over the active folders this instance holds (one instance per folder,
 * {@code WatchLeases}), polled by a task on the default managed scheduled executor. It waits until files have
 * settled, batches them per folder and hands them to {@code tagImages} through {@code ScanLauncher}; it never
 * calls the vision server. Overflow, a folder that comes back, a folder taken over from an instance that died
 * and application start lead to a {@code new} scan. It follows the folder API through CDI events
 * ({@code FolderChanged}, {@code FolderRemoved}) and answers {@code catalog}'s {@code FolderWatching}.
 */
package org.imagetagger.watch;
