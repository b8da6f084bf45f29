package org.imagetagger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Memory and CPU time of another process, read from Linux's /proc. */
final class ProcessStats {

    /** USER_HZ, which is 100 on every Linux this runs on. */
    private static final int TICKS_PER_SECOND = 100;

    private ProcessStats() {
    }

    static long rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    static long peakRssKib(long pid) {
        return statusField(pid, "VmHWM:");
    }

    /**
     * User plus system CPU time of the process so far, with that of the children it has waited for: the tools it
     * runs (ffmpeg, heif-convert...) work for it.
     */
    static long cpuMillis(long pid) {
        String[] fields = statFields(pid);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / TICKS_PER_SECOND + childrenCpuMillis(pid);
    }

    /** CPU time of the children this process has waited for (the tools it ran), so far. */
    static long childrenCpuMillis(long pid) {
        String[] fields = statFields(pid);
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * 1000 / TICKS_PER_SECOND;
    }

    /** The fields of /proc/PID/stat after the command name, which is in parentheses and may contain spaces. */
    private static String[] statFields(long pid) {
        String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long statusField(long pid, String name) {
        return read(Path.of("/proc", String.valueOf(pid), "status")).lines()
                .filter(line -> line.startsWith(name))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(0);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
