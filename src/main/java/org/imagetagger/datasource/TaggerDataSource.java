package org.imagetagger.datasource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * PostgreSQL's data source, given its credentials under names the server's connection pool does not know.
 * Payara's pool turns its own {@code user}/{@code password} properties into a container credential and refuses
 * every connection when the password is empty ("No password credential found"), which is how env and compose
 * files usually say "no password" (trust or peer authentication). Here an empty password is no password.
 * It lives in {@code target/lib} (the server's class path, beside the driver), not in the WAR: the pool exists
 * before the application.
 */
public class TaggerDataSource extends PGSimpleDataSource {

    private static final long serialVersionUID = 1L;

    /** {@code TAGGER_DB_USER}; empty or unset leaves PostgreSQL's default (the URL's, else the OS user's). */
    public void setDatabaseUser(String user) {
        setUser(given(user));
    }

    /** {@code TAGGER_DB_PASSWORD}; empty or unset sends no password. */
    public void setDatabasePassword(String password) {
        setPassword(given(password));
    }

    /** Payara leaves {@code ${ENV=NAME}} as it is when NAME is not set at all. */
    static String given(String value) {
        return value == null || value.isEmpty() || value.startsWith("${ENV=") ? null : value;
    }
}
