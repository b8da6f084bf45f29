package org.imagetagger.jobs.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Which folders' images arrived or changed since the last look, from the counters of the scans of all
 * instances (files planned, catalogued ahead and written): one small query on {@code scans}, however large the
 * catalog. A scan that just ended is looked at once more, so its last chunk is reported too.
 */
@ApplicationScoped
public class CatalogChanges {

    /** What the gallery is told: this folder has {@code changed} more images planned, catalogued or tagged. */
    public record Change(long folderId, long changed) {
    }

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    private final Map<Long, Long> lastSeen = new HashMap<>();
    private long newestSeen = -1;

    /** The changes since the previous call, one per folder; the first call reports only the running scans. */
    public synchronized List<Change> since() throws SQLException {
        boolean first = newestSeen < 0;
        StringBuilder sql = new StringBuilder("SELECT scan_id, folder_id, total + done, active_folder_id FROM scans"
                + " WHERE active_folder_id IS NOT NULL OR scan_id > " + newestSeen);
        if (!lastSeen.isEmpty()) {
            sql.append(" OR scan_id IN (");
            lastSeen.keySet().forEach(id -> sql.append(id).append(','));
            sql.setLength(sql.length() - 1);
            sql.append(')');
        }
        Map<Long, Long> changedByFolder = new HashMap<>();
        Map<Long, Long> active = new HashMap<>();
        long newest = Math.max(newestSeen, 0);
        try (Connection connection = dataSource.getConnection(); Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery(sql.toString())) {
            while (rows.next()) {
                long scanId = rows.getLong(1);
                long progress = rows.getLong(3);
                boolean running = rows.getObject(4) != null;
                newest = Math.max(newest, scanId);
                // A scan seen for the first time counts from zero: it started (and maybe ended) since the last look. At the
                // first look (a listener just came) a running scan counts from zero too: it may have catalogued its files
                // between the listener's connection and this look, and they must not go unannounced.
                long changed = progress - lastSeen.getOrDefault(scanId, first && !running ? progress : 0L);
                if (changed > 0) {
                    changedByFolder.merge(rows.getLong(2), changed, Long::sum);
                }
                if (running) {
                    active.put(scanId, progress);
                }
            }
        }
        newestSeen = newest;
        // An ended scan was looked at once more just now; from here on only running and new ones.
        lastSeen.clear();
        lastSeen.putAll(active);
        List<Change> changes = new ArrayList<>();
        changedByFolder.forEach((folder, changed) -> changes.add(new Change(folder, changed)));
        return changes;
    }

    /** Forgets what was seen (no one listens). */
    public synchronized void reset() {
        lastSeen.clear();
        newestSeen = -1;
    }
}
