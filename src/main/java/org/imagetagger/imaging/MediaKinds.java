package org.imagetagger.imaging;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imagetagger.imaging.MediaTools.Tool;

/** Which kinds of media this server can read now, and for those it cannot, what to install. */
public final class MediaKinds {

    /**
     * @param kind photo, heif, avif, raw or video
     * @param extensions the file name endings of that kind
     * @param available whether every tool it needs is installed
     * @param missing what to install when it is not, e.g. "ffmpeg (apt-get install ffmpeg)"; null when available
     */
    public record Status(String kind, List<String> extensions, boolean available, String missing) {
    }

    private MediaKinds() {
    }

    public static List<Status> report() {
        return List.of(
                status("photo", ImageFormats.PICTURES),
                status("heif", ImageFormats.HEIF, Tool.HEIF_CONVERT),
                status("avif", ImageFormats.AVIF, Tool.AVIFDEC),
                status("raw", ImageFormats.RAW, Tool.EXIFTOOL),
                status("video", ImageFormats.VIDEOS, Tool.FFMPEG, Tool.FFPROBE));
    }

    private static Status status(String kind, Set<String> extensions, Tool... tools) {
        Set<String> commands = new TreeSet<>();
        Set<String> packages = new TreeSet<>();
        for (Tool tool : tools) {
            if (!MediaTools.isAvailable(tool)) {
                commands.add(tool.command());
                packages.add(tool.debianPackage());
            }
        }
        String missing = commands.isEmpty() ? null
                : String.join(", ", commands) + " (apt-get install " + String.join(" ", packages) + ")";
        return new Status(kind, List.copyOf(new TreeSet<>(extensions)), commands.isEmpty(), missing);
    }
}
