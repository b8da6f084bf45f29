package org.imagetagger.catalog.control;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Whether a path, with every symbolic link resolved, still lies inside a directory. */
public final class FileConfinement {

    private FileConfinement() {
    }

    /** @param realDirectory a directory given as its real path (as folders are stored) */
    public static boolean isInside(Path file, Path realDirectory) {
        try {
            return file.toRealPath().startsWith(realDirectory);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    /**
     * Whether an existing file resolves outside the directory. A file that is gone does not escape: the
     * scan then records it as unreadable, as before links were checked.
     */
    public static boolean escapes(Path file, Path realDirectory) {
        try {
            return !file.toRealPath().startsWith(realDirectory);
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException | SecurityException e) {
            return true;
        }
    }
}
