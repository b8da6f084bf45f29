package org.imagetagger.jobs.control;

import java.util.Map;

/** What an execution does, in the words of the button that started it, from its job parameters. */
final class JobDescriptions {

    private JobDescriptions() {
    }

    static String describe(String jobName, Map<String, String> parameters) {
        if (!"tagImages".equals(jobName)) {
            return "compareModels".equals(jobName) ? "Model comparison" : jobName;
        }
        String path = parameters.get("path");
        if (path != null && !path.isBlank()) {
            return "Re-tag one photo: " + fileName(path);
        }
        String paths = parameters.get("paths");
        if (paths != null && !paths.isBlank()) {
            long files = paths.lines().filter(line -> !line.isBlank()).count();
            return files == 1 ? "New file: " + fileName(paths.strip()) : "New files: " + files + " found by the watcher";
        }
        return switch (parameters.getOrDefault("mode", "new")) {
            case "failed" -> "Retry failed images";
            case "all" -> "Re-tag all images";
            case "stale" -> "Re-tag stale images";
            default -> "Scan for new and changed files";
        };
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
