/** Batch executions as the API shows them: status, progress, step metrics, stop, restart, abandon. */
package org.imagetagger.jobs;
