package org.imagetagger.cluster.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.platform.DatabaseReady;

/**
 * This server as a member of the servers sharing one database: its name, an id for this run of it, and a
 * heartbeat on the database's clock. A member whose heartbeat is older than {@link #DEAD_AFTER_SECONDS} is
 * dead: ten missed beats, so that a server starved on two busy cores is slow, not dead.
 */
@ApplicationScoped
public class ClusterMember {

    private static final System.Logger LOG = System.getLogger(ClusterMember.class.getName());
    public static final int HEARTBEAT_SECONDS = 2;
    public static final int DEAD_AFTER_SECONDS = 20;
    /** SQL: the ids of the members alive now, judged on the database's clock. */
    public static final String LIVE_MEMBERS = "SELECT member_id FROM cluster_members WHERE heartbeat_at > CURRENT_TIMESTAMP - INTERVAL '"
            + DEAD_AFTER_SECONDS + "' SECOND";

    /** This server's name among the others (default: host name and HTTP port). */
    @Inject
    @ConfigProperty(name = "tagger.instance.name", defaultValue = " ")
    String configuredName;

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private String name;
    private String id;
    private ScheduledFuture<?> beating;

    @PostConstruct
    void identify() {
        name = configuredName.isBlank() ? InstanceNames.hostAndPort() : configuredName.strip();
        id = name + "#" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
    }

    /** After the schema migration (default priority), before the components that share work. */
    void join(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) DatabaseReady ready) {
        try (Connection connection = dataSource.getConnection()) {
            beat(connection);
            // An earlier run under the same name is dead: the same name cannot run twice.
            try (PreparedStatement earlier = connection.prepareStatement("UPDATE cluster_members SET heartbeat_at = CURRENT_TIMESTAMP - INTERVAL '1' HOUR"
                    + " WHERE member_name = ? AND member_id <> ?")) {
                earlier.setString(1, name);
                earlier.setString(2, id);
                earlier.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.log(Level.ERROR, "cannot join the servers on this database: " + e.getMessage(), e);
        }
        beating = scheduler.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        LOG.log(Level.INFO, "joined as {0}", id);
    }

    @PreDestroy
    void leave() {
        if (beating != null) {
            beating.cancel(false);
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement leave = connection.prepareStatement("DELETE FROM cluster_members WHERE member_id = ?")) {
            leave.setString(1, id);
            leave.executeUpdate();
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.DEBUG, "leaving: {0}", e.toString());
        }
    }

    private void heartbeat() {
        try (Connection connection = dataSource.getConnection()) {
            beat(connection);
            try (PreparedStatement forget = connection.prepareStatement(
                    "DELETE FROM cluster_members WHERE heartbeat_at < CURRENT_TIMESTAMP - INTERVAL '1' DAY")) {
                forget.executeUpdate();
            }
        } catch (SQLException | RuntimeException e) {
            // A missed beat or two is what the generous timeout is for; the next one tries again.
            LOG.log(Level.WARNING, "heartbeat failed: {0}", e.toString());
        }
    }

    private void beat(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cluster_members SET heartbeat_at = CURRENT_TIMESTAMP WHERE member_id = ?")) {
            update.setString(1, id);
            if (update.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cluster_members (member_id, member_name, started_at, heartbeat_at)"
                + " VALUES (?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
            insert.setString(1, id);
            insert.setString(2, name);
            insert.executeUpdate();
        }
    }

    /** This server's name (tagger.instance.name). */
    public String name() {
        return name;
    }

    /** This run of this server: its name and a random suffix, so that a restarted server is another member. */
    public String id() {
        return id;
    }

    /** The members alive now, in id order. */
    public List<String> liveMembers(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(LIVE_MEMBERS + " ORDER BY member_id");
             var rows = query.executeQuery()) {
            List<String> live = new java.util.ArrayList<>();
            while (rows.next()) {
                live.add(rows.getString(1));
            }
            return live;
        }
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
