/**
 * Batch executions of all instances as the API shows them: status, progress, step metrics, stop, restart,
 * abandon, live events; executions that a dead instance left running are marked FAILED.
 */
package org.imagetagger.jobs;
