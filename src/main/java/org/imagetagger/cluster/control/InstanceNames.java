package org.imagetagger.cluster.control;

import java.util.List;

/** The default name of this server: its host name and HTTP port, read from how the server was started. */
final class InstanceNames {

    private InstanceNames() {
    }

    static String hostAndPort() {
        return ClusterMember.hostName() + ":" + httpPort(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()));
    }

    /** Payara Micro's {@code --port N}, else WildFly's HTTP port and offset, else the default 8080. */
    static int httpPort(List<String> arguments) {
        int at = arguments.indexOf("--port");
        if (at >= 0 && at + 1 < arguments.size()) {
            try {
                return Integer.parseInt(arguments.get(at + 1));
            } catch (NumberFormatException e) {
                // not a port after all
            }
        }
        return Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
    }
}
