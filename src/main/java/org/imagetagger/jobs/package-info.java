/**
 * Batch executions of all instances as the API shows them: starting a scan ({@code POST /api/folders/{id}/scan},
 * {@code POST /api/images/{id}/retag}), status, progress, step metrics, stop, restart, abandon, live events and
 * {@code GET /api/stats}; executions that a dead instance left running are marked FAILED.
 */
package org.imagetagger.jobs;
