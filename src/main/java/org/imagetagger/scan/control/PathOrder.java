package org.imagetagger.scan.control;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * The order in which scans visit files: name by name, so that it equals a depth-first walk with sorted
 * directory listings. (Plain string order would put "a-c" before "a/b", the walk the other way round.)
 */
public final class PathOrder implements Comparator<Path> {

    public static final PathOrder INSTANCE = new PathOrder();

    private PathOrder() {
    }

    @Override
    public int compare(Path a, Path b) {
        int common = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < common; i++) {
            int byName = a.getName(i).toString().compareTo(b.getName(i).toString());
            if (byName != 0) {
                return byName;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    }
}
