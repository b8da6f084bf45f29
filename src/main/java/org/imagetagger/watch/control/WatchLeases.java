package org.imagetagger.watch.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;
import org.imagetagger.cluster.control.ClusterMember;

/**
 * Which instance watches which active folder ({@code folders.watched_by}): one at a time, cluster-wide. An
 * instance takes the active folders that nobody alive watches, in one statement, so two never take the same;
 * when it dies, its folders are free again and the next instance to look takes them (and runs a catch-up).
 */
@ApplicationScoped
public class WatchLeases {

    private static final String FREE = "active = TRUE AND (watched_by IS NULL OR watched_by NOT IN (" + ClusterMember.LIVE_MEMBERS + "))";

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    @Inject
    ClusterMember member;

    /** Takes the free active folders; returns the ids of all folders this instance watches now. */
    public Set<Long> takeFreeFolders() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement take = connection.prepareStatement("UPDATE folders SET watched_by = ? WHERE " + FREE)) {
                take.setString(1, member.id());
                take.executeUpdate();
            }
            Set<Long> mine = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT id FROM folders WHERE active = TRUE AND watched_by = ?")) {
                query.setString(1, member.id());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        mine.add(rows.getLong(1));
                    }
                }
            }
            return mine;
        }
    }

    /** Takes the folder if nobody alive watches it; true if this instance watches it now. */
    public boolean take(long folderId) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement take = connection.prepareStatement("UPDATE folders SET watched_by = ? WHERE id = ? AND " + FREE)) {
                take.setString(1, member.id());
                take.setLong(2, folderId);
                take.executeUpdate();
            }
            return watcherOf(connection, folderId).map(member.id()::equals).orElse(false);
        }
    }

    /** Whether an instance that is alive watches the folder (an inactive folder is watched by none). */
    public boolean watchedByLiveInstance(long folderId) {
        try (Connection connection = dataSource.getConnection()) {
            return watcherOf(connection, folderId).isPresent();
        } catch (SQLException e) {
            return false;
        }
    }

    private static java.util.Optional<String> watcherOf(Connection connection, long folderId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT watched_by FROM folders WHERE id = ? AND active = TRUE AND watched_by IN ("
                + ClusterMember.LIVE_MEMBERS + ")")) {
            query.setLong(1, folderId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? java.util.Optional.of(rows.getString(1)) : java.util.Optional.empty();
            }
        }
    }
}
