package org.imagetagger.comparison.control;

import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Properties;

/** Starts comparison jobs; holds no transaction and passes everything as job parameters. */
@ApplicationScoped
public class ComparisonLauncher {

    public static final String JOB = "compareModels";

    /** @param model another model, or null for the folder's; @param prompt another prompt, or null for the folder's */
    public long compare(long folderId, int sample, String model, String prompt) {
        Properties parameters = new Properties();
        parameters.setProperty("folderId", String.valueOf(folderId));
        parameters.setProperty("sample", String.valueOf(sample));
        if (model != null) {
            parameters.setProperty("model", model);
        }
        if (prompt != null) {
            parameters.setProperty("prompt", prompt);
        }
        return BatchRuntime.getJobOperator().start(JOB, parameters);
    }

    /** The parameters a comparison was started with, or null when the execution is no comparison. */
    public Properties parameters(long executionId) {
        var operator = BatchRuntime.getJobOperator();
        try {
            if (!JOB.equals(operator.getJobExecution(executionId).getJobName())) {
                return null;
            }
            return operator.getParameters(executionId);
        } catch (jakarta.batch.operations.NoSuchJobExecutionException unknown) {
            return null;
        }
    }
}
