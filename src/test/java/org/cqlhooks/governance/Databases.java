package org.cqlhooks.governance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The two databases the governance record runs on, empty for each test: an in-memory H2 and a real PostgreSQL
 * (zonky's embedded binaries, started once per test JVM; as root it runs under {@code unshare -U}).
 */
enum Databases {
    H2, POSTGRESQL;

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** A new, empty database of this kind. */
    DataSource fresh() {
        return switch (this) {
            case H2 -> {
                JdbcDataSource h2 = new JdbcDataSource();
                h2.setURL("jdbc:h2:mem:governance-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                yield h2;
            }
            case POSTGRESQL -> postgresDatabase("governance_test_" + COUNTER.incrementAndGet());
        };
    }

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                // The server's own output is left out of the test log; a failure to start still throws.
                postgres = EmbeddedPostgres.builder().setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                        .setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    // the JVM is ending; the data directory is a temporary one
                }
            }));
        }
        return postgres;
    }

    static DataSource postgresDatabase(String name) {
        try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(postgres().getJdbcUrl("postgres", name));
        return ds;
    }
}
