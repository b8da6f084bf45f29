package org.imagetagger.imaging;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The command-line tools that decode what Java cannot (ffmpeg, libheif, libavif, exiftool), found on the PATH
 * and run as a process with an argument list (never a shell) and a time limit. A missing tool fails only the
 * files that need it, with a reason that says which Debian package to install.
 */
public final class MediaTools {

    private static final System.Logger LOG = System.getLogger(MediaTools.class.getName());
    /** How long a looked-up tool (or its absence) is believed: installing one needs no restart. */
    private static final Duration LOOKUP_VALID = Duration.ofSeconds(30);
    private static final long MAX_OUTPUT_BYTES = 256L * 1024 * 1024;
    private static final int MAX_ERROR_CHARS = 300;

    /** A tool and the Debian package that brings it. */
    public enum Tool {
        FFMPEG("ffmpeg", "ffmpeg"),
        FFPROBE("ffprobe", "ffmpeg"),
        HEIF_CONVERT("heif-convert", "libheif-examples"),
        AVIFDEC("avifdec", "libavif-bin"),
        EXIFTOOL("exiftool", "libimage-exiftool-perl");

        private final String command;
        private final String debianPackage;

        Tool(String command, String debianPackage) {
            this.command = command;
            this.debianPackage = debianPackage;
        }

        public String command() {
            return command;
        }

        public String debianPackage() {
            return debianPackage;
        }
    }

    /** What a finished process left: exit code, standard output, the end of its error output. */
    public record Output(int exitCode, byte[] stdout, String stderr) {

        /** The tool's own last words, for a failure reason. */
        public String complaint() {
            String text = stderr.strip();
            if (text.isEmpty()) {
                return "exit code " + exitCode;
            }
            String[] lines = text.split("\\R");
            return lines[lines.length - 1].strip();
        }
    }

    private record Lookup(Optional<Path> path, long atNanos) {
    }

    private static final Map<Tool, Lookup> FOUND = new ConcurrentHashMap<>();

    private MediaTools() {
    }

    public static boolean isAvailable(Tool tool) {
        return locate(tool).isPresent();
    }

    public static Optional<Path> locate(Tool tool) {
        Lookup known = FOUND.get(tool);
        if (known != null && System.nanoTime() - known.atNanos() < LOOKUP_VALID.toNanos()) {
            return known.path();
        }
        Optional<Path> found = searchPath(tool.command());
        FOUND.put(tool, new Lookup(found, System.nanoTime()));
        return found;
    }

    private static Optional<Path> searchPath(String command) {
        String path = System.getenv("PATH");
        List<String> directories = new ArrayList<>(List.of((path == null ? "" : path).split(java.io.File.pathSeparator)));
        // Servers started by service managers often run with a minimal PATH.
        directories.addAll(List.of("/usr/local/bin", "/usr/bin", "/bin"));
        for (String directory : directories) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The tool's path, or the failure that tells the user what to install. */
    public static Path require(Tool tool, String what) throws UntaggableImageException {
        return locate(tool).orElseThrow(() -> new UntaggableImageException(missing(tool, what)));
    }

    public static String missing(Tool tool, String what) {
        return what + " needs " + tool.command() + ", which is not installed on the server (Debian/Ubuntu: apt-get install "
                + tool.debianPackage() + ")";
    }

    /**
     * Runs a command and waits at most {@code limit}; the process is killed when it takes longer. Output goes
     * through temporary files, so a chatty tool can never block on a full pipe.
     *
     * @param what names the work in failure reasons ("video frame", "HEIC/HEIF")
     */
    public static Output run(List<String> command, Duration limit, String what) throws UntaggableImageException {
        Path out = null;
        Path err = null;
        Process process = null;
        try {
            out = Files.createTempFile("tagger-tool", ".out");
            err = Files.createTempFile("tagger-tool", ".err");
            process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                throw new UntaggableImageException(what + ": " + Path.of(command.get(0)).getFileName()
                        + " took longer than " + limit.toSeconds() + " s and was stopped");
            }
            if (Files.size(out) > MAX_OUTPUT_BYTES) {
                throw new UntaggableImageException(what + ": the tool's output is larger than " + MAX_OUTPUT_BYTES + " bytes");
            }
            return new Output(process.exitValue(), Files.readAllBytes(out), tail(err));
        } catch (InterruptedException cancelled) {
            kill(process);
            Thread.currentThread().interrupt();
            // Not the image's fault: the caller treats it as work to do again later, not as a FAILED image.
            throw new CancellationException("cancelled while " + what + " was being decoded");
        } catch (IOException e) {
            kill(process);
            throw new UntaggableImageException(what + ": cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static String tail(Path err) throws IOException {
        String text = new String(Files.readAllBytes(err), StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}&&[^\\n]]", " ");
        return text.length() <= MAX_ERROR_CHARS * 4 ? text : text.substring(text.length() - MAX_ERROR_CHARS * 4);
    }

    private static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "cannot delete {0}: {1}", file, e);
        }
    }

    /** A reason of at most a few hundred characters. */
    static String shorten(String text) {
        return text.length() <= MAX_ERROR_CHARS ? text : text.substring(0, MAX_ERROR_CHARS) + "…";
    }
}
