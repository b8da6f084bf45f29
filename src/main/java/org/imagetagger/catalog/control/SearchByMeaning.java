package org.imagetagger.catalog.control;

import java.util.Optional;

/**
 * Search by meaning for {@code GET /api/images} (issue 14). The similarity component answers it; the question is
 * owned here so that catalog depends on nothing above it.
 */
public interface SearchByMeaning {

    /**
     * The page found by meaning, or empty where the words answer (match=words, no text, search by meaning off).
     *
     * @param match {@code words}, {@code meaning} or null for both
     * @throws IllegalArgumentException for another {@code match} or criteria the search cannot take
     */
    Optional<ImageSearch.Page> find(ImageSearch.Criteria criteria, String match);
}
