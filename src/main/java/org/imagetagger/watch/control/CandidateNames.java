package org.imagetagger.watch.control;

import java.nio.file.Path;
import java.util.Locale;
import org.imagetagger.imaging.ImageFormats;

/** Which file names the watcher follows: images, but not the temporary names of copy and sync tools. */
public final class CandidateNames {

    private CandidateNames() {
    }

    public static boolean isCandidate(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String text = name.toString();
        String lower = text.toLowerCase(Locale.ROOT);
        // A newline would split the job parameter that lists the settled files.
        return !text.startsWith(".") && !text.startsWith("~") && !text.contains("\n")
                && !lower.endsWith(".part") && !lower.endsWith(".tmp") && !lower.endsWith(".crdownload")
                && ImageFormats.isSupported(file);
    }
}
