package org.imagetagger.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives each integration-test run a database of its own on the PostgreSQL of TAGGER_TEST_DB_URL, so runs
 * sharing one server never see each other's rows or batch executions. Failsafe names it (pom.xml) and
 * points the server at it through TAGGER_DB_URL; it is created before the server boots and dropped after.
 */
public class TestDatabase implements LauncherSessionListener {

    private static final String ADMIN_URL = System.getProperty("tagger.test.db.url");
    private static final String NAME = System.getProperty("tagger.it.db.name");

    public static String url() {
        return System.getProperty("tagger.it.db.url");
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", "");
    }

    /** Another database beside this run's, for a test that starts servers of its own; drop it with {@link #drop}. */
    public static String createExtra(String suffix) {
        String name = NAME + "_" + suffix;
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        execute("CREATE DATABASE " + name);
        return url().replace(NAME, name);
    }

    public static void dropExtra(String suffix) {
        if (!Boolean.getBoolean("tagger.it.keep-db")) {
            execute("DROP DATABASE IF EXISTS " + NAME + "_" + suffix + " WITH (FORCE)");
        }
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (NAME != null) {
            execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
            execute("CREATE DATABASE " + NAME);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (NAME != null && !Boolean.getBoolean("tagger.it.keep-db")) {
            execute("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
        }
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database with '" + sql + "' on " + ADMIN_URL, e);
        }
    }
}
