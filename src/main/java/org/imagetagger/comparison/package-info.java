/**
 * Model comparison: the {@code compareModels} batch job asks another model and/or prompt about a sample of a
 * folder's tagged images and keeps the answers beside the catalog's ({@code comparison_results}), never in it;
 * {@code /api/folders/{id}/comparisons} starts one, {@code /api/comparisons/{executionId}} shows both answers side
 * by side with the time per image and the tags they agree on, and {@code adopt} puts the model and prompt into
 * the folder's profile. Uses tagging, imaging, catalog and profiles.
 */
package org.imagetagger.comparison;
