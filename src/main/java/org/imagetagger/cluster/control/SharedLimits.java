package org.imagetagger.cluster.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.imagetagger.platform.DatabaseReady;

/**
 * Limits that hold for all servers on the database together, such as the vision requests in flight. A limit
 * of N is N rows of {@code vision_slots}; each server holds a fair share of them among the servers that want
 * the limit now ({@link FairShare}), claims free rows (or those of dead servers) with {@code SKIP LOCKED} in a
 * short transaction of its own, and gives rows back once the requests using them have ended. A row has one
 * holder at a time, so the servers together never use more than N slots; one server alone soon holds all.
 */
@ApplicationScoped
public class SharedLimits {

    private static final System.Logger LOG = System.getLogger(SharedLimits.class.getName());
    static final long TICK_MILLIS = 200;

    @Inject
    ClusterMember member;

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private final Map<String, SharedLimit> limits = new ConcurrentHashMap<>();
    private final Set<String> provisioned = ConcurrentHashMap.newKeySet();
    private ScheduledFuture<?> ticking;
    private boolean wanting;
    private long lastWarning;

    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 700) DatabaseReady ready) {
        ticking = scheduler.scheduleWithFixedDelay(this::rebalance, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    /** The limit on {@code resource}, of {@code total} slots over all servers (a new total applies from now). */
    public SharedLimit limit(String resource, int total) {
        SharedLimit limit = limits.computeIfAbsent(resource, r -> new SharedLimit(r, total, this::wakeUp, System::nanoTime));
        limit.total(total);
        return limit;
    }

    private void wakeUp() {
        if (ticking != null) {
            scheduler.execute(this::rebalance);
        }
    }

    synchronized void rebalance() {
        try (Connection connection = dataSource.getConnection()) {
            boolean wants = limits.values().stream().anyMatch(SharedLimit::wanted);
            if (wants != wanting) {
                try (PreparedStatement flag = connection.prepareStatement("UPDATE cluster_members SET wants_vision = ? WHERE member_id = ?")) {
                    flag.setBoolean(1, wants);
                    flag.setString(2, member.id());
                    flag.executeUpdate();
                }
                wanting = wants;
            }
            List<String> wantingMembers = wantingMembers(connection);
            for (SharedLimit limit : limits.values()) {
                rebalance(connection, limit, wantingMembers);
            }
        } catch (SQLException | RuntimeException e) {
            if (System.currentTimeMillis() - lastWarning > 60_000) {
                lastWarning = System.currentTimeMillis();
                LOG.log(Level.WARNING, "cannot share the vision slots with the other servers: {0}", e.toString());
            }
        }
    }

    private List<String> wantingMembers(Connection connection) throws SQLException {
        List<String> wantingMembers = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT member_id FROM cluster_members WHERE wants_vision = TRUE AND member_id IN ("
                + ClusterMember.LIVE_MEMBERS + ")");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                wantingMembers.add(rows.getString(1));
            }
        }
        if (wanting && !wantingMembers.contains(member.id())) {
            wantingMembers.add(member.id());
        }
        wantingMembers.sort(null);
        return wantingMembers;
    }

    private void rebalance(Connection connection, SharedLimit limit, List<String> wantingMembers) throws SQLException {
        int total = limit.total();
        provision(connection, limit.resource(), total);
        List<Integer> mine = heldSlots(connection, limit.resource());
        List<Integer> usable = mine.stream().filter(slot -> slot < total).toList();
        limit.holds(usable.size());
        int desired = limit.wanted() ? FairShare.of(total, wantingMembers, member.id()) : 0;
        List<Integer> giveBack = new ArrayList<>(mine.stream().filter(slot -> slot >= total).toList());
        if (usable.size() > desired) {
            int given = limit.shrinkTo(desired);
            giveBack.addAll(usable.subList(usable.size() - given, usable.size()));
        }
        if (!giveBack.isEmpty()) {
            release(connection, limit.resource(), giveBack);
        } else if (usable.size() < desired) {
            limit.holds(usable.size() + claim(connection, limit.resource(), total, desired - usable.size()));
        }
    }

    /** Creates the rows of slots 0..total-1 once; two servers creating them at once only lose a duplicate insert. */
    private void provision(Connection connection, String resource, int total) throws SQLException {
        if (!provisioned.add(resource + "\n" + total)) {
            return;
        }
        Set<Integer> existing = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT slot FROM vision_slots WHERE resource_name = ?")) {
            query.setString(1, resource);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    existing.add(rows.getInt(1));
                }
            }
        }
        for (int slot = 0; slot < total; slot++) {
            if (!existing.contains(slot)) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO vision_slots (resource_name, slot) VALUES (?, ?)")) {
                    insert.setString(1, resource);
                    insert.setInt(2, slot);
                    insert.executeUpdate();
                } catch (SQLException duplicate) {
                    LOG.log(Level.DEBUG, "slot {0} of {1} was created by another server", slot, resource);
                }
            }
        }
    }

    private List<Integer> heldSlots(Connection connection, String resource) throws SQLException {
        List<Integer> slots = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT slot FROM vision_slots WHERE resource_name = ? AND holder = ? ORDER BY slot")) {
            query.setString(1, resource);
            query.setString(2, member.id());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    slots.add(rows.getInt(1));
                }
            }
        }
        return slots;
    }

    private void release(Connection connection, String resource, List<Integer> slots) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE vision_slots SET holder = NULL WHERE resource_name = ? AND holder = ? AND slot IN ("
                + slots.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")")) {
            update.setString(1, resource);
            update.setString(2, member.id());
            update.executeUpdate();
        }
    }

    /** Claims up to {@code wanted} free slots (or slots of dead servers) in one short transaction; returns how many. */
    private int claim(Connection connection, String resource, int total, int wanted) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            List<Integer> free = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT slot FROM vision_slots WHERE resource_name = ? AND slot < ?"
                    + " AND (holder IS NULL OR holder NOT IN (" + ClusterMember.LIVE_MEMBERS + "))"
                    + " ORDER BY slot LIMIT " + wanted + " FOR UPDATE SKIP LOCKED")) {
                query.setString(1, resource);
                query.setInt(2, total);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        free.add(rows.getInt(1));
                    }
                }
            }
            if (!free.isEmpty()) {
                try (PreparedStatement update = connection.prepareStatement("UPDATE vision_slots SET holder = ? WHERE resource_name = ? AND slot IN ("
                        + free.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")")) {
                    update.setString(1, member.id());
                    update.setString(2, resource);
                    update.executeUpdate();
                }
            }
            connection.commit();
            return free.size();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
