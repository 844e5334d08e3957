package org.cqlhooks.trust;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A new, empty jti replay record on the embedded H2 database, migrated by the application's own migrations. */
final class ReplayDatabase {

    private ReplayDatabase() {
    }

    static JdbcTemplate fresh() {
        DriverManagerDataSource database = new DriverManagerDataSource(
                "jdbc:h2:mem:replay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        return new JdbcTemplate(database);
    }
}
