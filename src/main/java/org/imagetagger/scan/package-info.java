/**
 * Scans, shared by every instance on the database: one active scan per folder (scans), its files queued by the
 * planning step (scan_items), claimed by the executions of all instances and written chunk by chunk only while
 * still owned; the tagImages batch job that does it, and what each instance does for the scans of the others.
 * The planning step also catalogues new files as PENDING images before they are queued (CatalogueFirst), so the
 * gallery shows them before the model has seen them.
 */
package org.imagetagger.scan;
