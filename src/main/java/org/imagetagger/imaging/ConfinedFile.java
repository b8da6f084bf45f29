package org.imagetagger.imaging;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A regular file opened inside a folder without following any symbolic link on the way, so that what is read
 * is what lies inside the folder, whatever the path points at a moment earlier or later. Confinement is decided
 * by what is <em>opened</em>: the folder is opened and its identity (device and inode) compared with the
 * registered real path, which must not be a link; then each component below it is opened relative to the one
 * before ({@code openat} with {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}), the file last. A link
 * anywhere on the way, or a file swapped for one between a check and the open, is refused with
 * {@link EscapeException}. Size, time, bytes, hash, decode and thumbnail must all come from this one open file.
 * <p>
 * Where the platform has no {@link SecureDirectoryStream} (not Linux, macOS or BSD), each component is checked
 * with lstat before the file is opened with {@code O_NOFOLLOW}, and the opened file's identity is compared with
 * the checked one: a race on a directory component is then only narrowed, not closed.
 */
public final class ConfinedFile implements Closeable {

    private static final Set<OpenOption> READ_NOFOLLOW = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    /** The file is not inside the folder as opened: a link on the way, not a regular file, or outside the folder. */
    public static final class EscapeException extends FileSystemException {
        private static final long serialVersionUID = 1L;

        public EscapeException(Path file, String reason) {
            super(String.valueOf(file), null, reason);
        }
    }

    private final Path path;
    private final SeekableByteChannel channel;
    private final long size;
    private final FileTime lastModified;
    private final Object fileKey;

    private ConfinedFile(Path path, SeekableByteChannel channel, long size, FileTime lastModified, Object fileKey) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.lastModified = lastModified;
        this.fileKey = fileKey;
    }

    /**
     * Opens a file for reading, confined to a folder.
     *
     * @param folderRoot the folder as registered: an absolute real path (no link in it, checked here)
     * @param file       a path relative to the folder, or an absolute one under it
     * @throws EscapeException     when a link is met on the way, the folder is no longer its real path, the path
     *                             leaves the folder, or the file is not a regular file
     * @throws NoSuchFileException when the file or a directory on the way is gone
     * @throws IOException         when it cannot be read (permissions, I/O)
     */
    public static ConfinedFile open(Path folderRoot, Path file) throws IOException {
        Objects.requireNonNull(folderRoot, "folderRoot");
        Objects.requireNonNull(file, "file");
        List<Path> names = namesBelow(folderRoot, file);
        Path target = folderRoot;
        for (Path name : names) {
            target = target.resolve(name);
        }
        try (DirectoryStream<Path> root = Files.newDirectoryStream(folderRoot)) {
            if (!(root instanceof SecureDirectoryStream<Path> secure)) {
                return openByPath(folderRoot, names, target);
            }
            checkFolderIdentity(folderRoot, secure);
            return openBelow(secure, names, target);
        }
    }

    /**
     * Whether a registered folder is still itself: an absolute real path, no component of it a symbolic link, a
     * directory. A folder that was swapped for a link (to a directory outside the roots) is not. Callers check the
     * roots themselves.
     */
    public static boolean isRealDirectory(Path folderRoot) {
        try {
            return folderRoot.isAbsolute() && folderRoot.toRealPath().equals(folderRoot)
                    && Files.readAttributes(folderRoot, BasicFileAttributes.class, NOFOLLOW).isDirectory();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The path the file was asked for, resolved against the folder. */
    public Path path() {
        return path;
    }

    /** The size of the opened file when it was opened. */
    public long size() {
        return size;
    }

    public FileTime lastModified() {
        return lastModified;
    }

    /** Device and inode (or the platform's equivalent) of the opened file. */
    public Object fileKey() {
        return fileKey;
    }

    /** The open file itself; closing this {@code ConfinedFile} closes it. */
    public SeekableByteChannel channel() {
        return channel;
    }

    /**
     * A stream over the open file from its current position, reading at most {@link #size()} bytes in all
     * (a file that grows while it is read is cut at the size it had, so a declared length holds); closing the
     * stream does not close the file.
     */
    public InputStream inputStream() {
        InputStream raw = Channels.newInputStream(channel);
        return new FilterInputStream(raw) {
            @Override
            public int read() throws IOException {
                return channel.position() >= size ? -1 : super.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                long left = size - channel.position();
                if (left <= 0) {
                    return len == 0 ? 0 : -1;
                }
                return super.read(b, off, (int) Math.min(len, left));
            }

            @Override
            public void close() {
                // the ConfinedFile owns the channel
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** The names below the folder, kept as paths: a file name need not be valid UTF-8. */
    private static List<Path> namesBelow(Path folderRoot, Path file) throws EscapeException {
        if (!folderRoot.isAbsolute()) {
            throw new EscapeException(folderRoot, "the folder is not an absolute path");
        }
        Path relative = file;
        if (file.isAbsolute()) {
            if (!file.startsWith(folderRoot)) {
                throw new EscapeException(file, "not inside " + folderRoot);
            }
            relative = folderRoot.relativize(file);
        }
        List<Path> names = new ArrayList<>();
        for (Path name : relative) {
            String part = name.toString();
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new EscapeException(file, "the path must name a file below the folder");
            }
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new EscapeException(file, "the path must name a file below the folder");
        }
        return names;
    }

    /** The opened folder is the directory at the registered path, and that path has no link in it. */
    private static void checkFolderIdentity(Path folderRoot, SecureDirectoryStream<Path> opened) throws IOException {
        BasicFileAttributes atPath = Files.readAttributes(folderRoot, BasicFileAttributes.class, NOFOLLOW);
        if (atPath.isSymbolicLink() || !atPath.isDirectory() || !folderRoot.toRealPath().equals(folderRoot)) {
            throw new EscapeException(folderRoot, "the folder is no longer a directory at its real path");
        }
        Object openedKey = opened.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey();
        if (openedKey == null || !openedKey.equals(atPath.fileKey())) {
            throw new EscapeException(folderRoot, "the folder changed while it was opened");
        }
    }

    private static ConfinedFile openBelow(SecureDirectoryStream<Path> root, List<Path> names, Path target) throws IOException {
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            SecureDirectoryStream<Path> directory = root;
            for (Path child : names.subList(0, names.size() - 1)) {
                BasicFileAttributes attributes = directory.getFileAttributeView(child, BasicFileAttributeView.class, NOFOLLOW)
                        .readAttributes();
                if (!attributes.isDirectory()) {
                    throw new EscapeException(target, "a component on the way is not a directory");
                }
                try {
                    directory = directory.newDirectoryStream(child, NOFOLLOW);
                } catch (IOException e) {
                    throw escapeOrGone(target, e);
                }
                opened.add(directory);
            }
            Path leaf = names.get(names.size() - 1);
            BasicFileAttributeView view = directory.getFileAttributeView(leaf, BasicFileAttributeView.class, NOFOLLOW);
            BasicFileAttributes before = view.readAttributes();
            if (!before.isRegularFile()) {
                // also keeps a named pipe from blocking the open
                throw new EscapeException(target, "not a regular file");
            }
            SeekableByteChannel channel;
            try {
                channel = directory.newByteChannel(leaf, READ_NOFOLLOW);
            } catch (IOException e) {
                throw escapeOrGone(target, e);
            }
            try {
                // O_NOFOLLOW guarantees no link was opened; the second look guarantees it is still that regular file.
                BasicFileAttributes after = view.readAttributes();
                if (!after.isRegularFile() || !Objects.equals(before.fileKey(), after.fileKey())) {
                    throw new EscapeException(target, "the file changed while it was opened");
                }
                return new ConfinedFile(target, channel, channel.size(), after.lastModifiedTime(), after.fileKey());
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } finally {
            for (SecureDirectoryStream<Path> directory : opened) {
                directory.close();
            }
        }
    }

    /** Without openat: lstat every component, open the file without following a link, compare identities. */
    private static ConfinedFile openByPath(Path folderRoot, List<Path> names, Path target) throws IOException {
        if (!isRealDirectory(folderRoot)) {
            throw new EscapeException(folderRoot, "the folder is no longer a directory at its real path");
        }
        Path current = folderRoot;
        for (Path name : names.subList(0, names.size() - 1)) {
            current = current.resolve(name);
            if (!Files.readAttributes(current, BasicFileAttributes.class, NOFOLLOW).isDirectory()) {
                throw new EscapeException(target, "a component on the way is not a directory");
            }
        }
        BasicFileAttributes before = Files.readAttributes(target, BasicFileAttributes.class, NOFOLLOW);
        if (!before.isRegularFile()) {
            throw new EscapeException(target, "not a regular file");
        }
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(target, READ_NOFOLLOW);
        } catch (IOException e) {
            throw escapeOrGone(target, e);
        }
        try {
            BasicFileAttributes after = Files.readAttributes(target, BasicFileAttributes.class, NOFOLLOW);
            if (!after.isRegularFile() || !Objects.equals(before.fileKey(), after.fileKey())
                    || !target.toRealPath().startsWith(folderRoot)) {
                throw new EscapeException(target, "the file changed while it was opened");
            }
            return new ConfinedFile(target, channel, channel.size(), after.lastModifiedTime(), after.fileKey());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * ELOOP (a link met with O_NOFOLLOW: the JDK reports it as a plain IOException) and ENOTDIR are escapes; a
     * vanished entry stays "gone", a forbidden one "access denied".
     */
    private static IOException escapeOrGone(Path target, IOException e) {
        if (e instanceof NoSuchFileException || e instanceof java.nio.file.AccessDeniedException) {
            return e;
        }
        return new EscapeException(target, "a link or a non-directory was met on the way: " + e.getMessage());
    }
}
