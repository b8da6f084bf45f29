package org.imagetagger.comparison.boundary;

import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.imagetagger.comparison.control.ComparisonStore;
import org.imagetagger.comparison.entity.ComparisonResult;

/** Keeps the answers beside the catalog; only persists, in the chunk's transaction. */
@Dependent
@Named
public class ComparisonResultItemWriter extends AbstractItemWriter {

    @Inject
    ComparisonStore store;

    @Override
    public void writeItems(List<Object> items) {
        items.forEach(item -> store.add((ComparisonResult) item));
    }
}
