package org.imagetagger.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Which database the catalog lives in: PostgreSQL gets full-text search, the embedded H2 a simpler query. */
@ApplicationScoped
public class DatabaseKind {

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    /** Asked of the database at first need, not at start: the database may come up after the server. */
    private volatile Boolean postgres;

    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
            }
            postgres = known;
        }
        return known;
    }
}
