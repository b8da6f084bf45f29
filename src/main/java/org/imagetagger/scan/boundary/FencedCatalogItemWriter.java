package org.imagetagger.scan.boundary;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.imagetagger.scan.control.ChunkWriting;
import org.imagetagger.scan.entity.FileOutcome;

/**
 * Writes the chunk's outcomes that this execution still owns in the shared queue (a claim taken back from an
 * instance thought dead is written by whoever holds it now), in the chunk's container-managed transaction.
 */
@Dependent
@Named
public class FencedCatalogItemWriter extends AbstractItemWriter {

    @Inject
    @BatchProperty
    String scanId;

    @Inject
    JobContext job;

    @Inject
    ChunkWriting writing;

    @Override
    public void writeItems(List<Object> items) {
        writing.write(Long.parseLong(scanId), job.getExecutionId(), items.stream().map(FileOutcome.class::cast).toList());
    }
}
