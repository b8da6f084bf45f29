package org.imagetagger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The server process as the operating system sees it (Linux /proc): which process listens on a port, which
 * ports it listens on, how many files it holds open. The tests and the server run as the same user.
 */
public final class ServerProcess {

    private static final String LISTEN = "0A";
    private static final String UDP_BOUND = "07";
    private final long pid;

    private ServerProcess(long pid) {
        this.pid = pid;
    }

    /** The process that owns the listening TCP socket of this port. */
    public static ServerProcess listeningOn(int port) {
        Set<String> inodes = new HashSet<>();
        for (Socket socket : sockets(Path.of("/proc/net"))) {
            if (socket.tcp() && socket.port() == port) {
                inodes.add(socket.inode());
            }
        }
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (!socketInodes(process).stream().filter(inodes::contains).toList().isEmpty()) {
                    return new ServerProcess(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no process listens on port " + port + " (sockets " + inodes + ")");
    }

    public long pid() {
        return pid;
    }

    /** Every socket the process listens on (TCP) or has bound (UDP), as "tcp 0.0.0.0:8080"-like strings. */
    public Set<String> listening() {
        Set<String> own = socketInodes(Path.of("/proc", String.valueOf(pid)));
        Set<String> result = new TreeSet<>();
        for (Socket socket : sockets(Path.of("/proc", String.valueOf(pid), "net"))) {
            if (own.contains(socket.inode())) {
                result.add((socket.tcp() ? "tcp " : "udp ") + socket.address() + ":" + socket.port());
            }
        }
        return result;
    }

    /** The ports of {@link #listening()}. */
    public Set<Integer> listeningPorts() {
        Set<Integer> ports = new TreeSet<>();
        listening().forEach(socket -> ports.add(Integer.parseInt(socket.substring(socket.lastIndexOf(':') + 1))));
        return ports;
    }

    /** How many file descriptors the process holds open. */
    public int openFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Socket(boolean tcp, String address, int port, String inode) {
    }

    private static List<Socket> sockets(Path net) {
        List<Socket> sockets = new java.util.ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(net.resolve(table));
            } catch (NoSuchFileException absent) {
                continue;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean tcp = table.startsWith("tcp");
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String state = fields[3];
                if (tcp ? LISTEN.equals(state) : UDP_BOUND.equals(state)) {
                    String local = fields[1];
                    int colon = local.indexOf(':');
                    sockets.add(new Socket(tcp, address(local.substring(0, colon)),
                            Integer.parseInt(local.substring(colon + 1), 16), fields[9]));
                }
            }
        }
        return sockets;
    }

    /** 0100007F → 127.0.0.1; IPv6 addresses are kept as hex apart from the two common ones. */
    private static String address(String hex) {
        if (hex.length() == 8) {
            return Integer.parseInt(hex.substring(6, 8), 16) + "." + Integer.parseInt(hex.substring(4, 6), 16) + "."
                    + Integer.parseInt(hex.substring(2, 4), 16) + "." + Integer.parseInt(hex.substring(0, 2), 16);
        }
        if (hex.chars().allMatch(c -> c == '0')) {
            return "[::]";
        }
        if (hex.toUpperCase(Locale.ROOT).equals("00000000000000000000000001000000")) {
            return "[::1]";
        }
        return "[" + hex + "]";
    }

    private static Set<String> socketInodes(Path process) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(process.resolve("fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException | SecurityException closedMeanwhile) {
                    // the descriptor was closed between listing and reading
                }
            }
        } catch (IOException | SecurityException notOurs) {
            // a process that ended, or one we may not look into
        }
        return inodes;
    }
}
