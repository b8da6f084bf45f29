package org.imagetagger.comparison.boundary;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.imagetagger.comparison.control.ComparisonStore;

/** The ids of the sampled images, one item each; the checkpoint is how many were handed on. */
@Dependent
@Named
public class ComparisonSampleItemReader extends AbstractItemReader {

    @Inject
    @BatchProperty
    String folderId;

    @Inject
    @BatchProperty
    String sample;

    @Inject
    ComparisonStore store;

    private List<Long> ids;
    private int next;

    @Override
    public void open(Serializable checkpoint) {
        ids = store.sample(Long.parseLong(folderId), Integer.parseInt(sample));
        next = checkpoint instanceof Integer done ? done : 0;
    }

    @Override
    public Object readItem() {
        return next < ids.size() ? ids.get(next++) : null;
    }

    @Override
    public Serializable checkpointInfo() {
        return next;
    }
}
