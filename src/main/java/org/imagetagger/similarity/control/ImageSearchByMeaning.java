package org.imagetagger.similarity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.imagetagger.catalog.control.ImageSearch;
import org.imagetagger.catalog.control.SearchByMeaning;

/** Answers the image list's search by meaning ({@link SearchByMeaning}) with {@link MeaningSearch}. */
@ApplicationScoped
public class ImageSearchByMeaning implements SearchByMeaning {

    @Inject
    MeaningSearch meaning;

    @Override
    public Optional<ImageSearch.Page> find(ImageSearch.Criteria criteria, String match) {
        MeaningSearch.Match how = MeaningSearch.Match.parse(match);
        if (how == null) {
            throw new IllegalArgumentException("match must be words or meaning (or absent for both), not '" + match + "'");
        }
        return meaning.find(criteria, how);
    }
}
