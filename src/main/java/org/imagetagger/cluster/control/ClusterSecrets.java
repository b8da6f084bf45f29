package org.imagetagger.cluster.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import javax.sql.DataSource;

/** Random secrets that every instance on the database must share (e.g. the key signing browser sessions). */
@ApplicationScoped
public class ClusterSecrets {

    @Resource(lookup = "jdbc/tagger")
    DataSource dataSource;

    /** The secret of that name, made by whichever instance asked first; {@code bytes} long. */
    public byte[] secret(String name, int bytes) {
        try (Connection connection = dataSource.getConnection()) {
            byte[] made = new byte[bytes];
            new SecureRandom().nextBytes(made);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cluster_secrets (secret_name, secret_value) VALUES (?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, Base64.getEncoder().encodeToString(made));
                insert.executeUpdate();
            } catch (SQLException exists) {
                // Another instance made it first: take that one.
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT secret_value FROM cluster_secrets WHERE secret_name = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return Base64.getDecoder().decode(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the shared secret " + name + ": " + e.getMessage(), e);
        }
    }
}
