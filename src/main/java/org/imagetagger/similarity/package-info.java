/**
 * Finding by meaning and finding the same picture twice (issue 14). {@code control}: the embeddings of each image's
 * description and tags ({@link org.imagetagger.similarity.control.ImageEmbeddings}, asked of the vision servers in
 * one request per chunk, stored in {@code image_embeddings}), the in-memory {@link
 * org.imagetagger.similarity.control.VectorIndex} of int8-quantized vectors rebuilt from the database at start and
 * kept current by {@link org.imagetagger.similarity.control.VectorIndexSync}, search by meaning fused with words
 * ({@link org.imagetagger.similarity.control.MeaningSearch}, {@link org.imagetagger.similarity.control.RankFusion}),
 * similar images, and duplicate groups from checksums and perceptual hashes
 * ({@link org.imagetagger.similarity.control.Duplicates}). {@code boundary}: {@code GET /api/duplicates},
 * {@code GET /api/meaning}, {@code GET /api/images/{id}/similar}. Uses {@code catalog}, {@code tagging} and
 * {@code imaging}; {@code scan} calls it, {@code catalog}'s image list through its {@code SearchByMeaning}.
 */
package org.imagetagger.similarity;
