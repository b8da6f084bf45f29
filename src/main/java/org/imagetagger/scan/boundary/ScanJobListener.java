package org.imagetagger.scan.boundary;

import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.lang.System.Logger.Level;

@Dependent
@Named
public class ScanJobListener extends AbstractJobListener {

    private static final System.Logger LOG = System.getLogger(ScanJobListener.class.getName());

    @Inject
    JobContext job;

    @Override
    public void beforeJob() {
        LOG.log(Level.INFO, "scan execution {0} started: {1}", job.getExecutionId(), job.getProperties());
    }

    @Override
    public void afterJob() {
        LOG.log(Level.INFO, "scan execution {0} ended: {1} {2}", job.getExecutionId(), job.getBatchStatus(), job.getExitStatus());
    }
}
