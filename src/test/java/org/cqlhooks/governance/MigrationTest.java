package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The migrations in db/migration, as the server applies them at start-up, on PostgreSQL and H2. */
class MigrationTest {

    static Flyway flyway(DataSource ds) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void anEmptyDatabaseGetsEveryMigrationOnceAndValidates(Databases kind) throws SQLException {
        DataSource ds = kind.fresh();
        MigrateResult first = flyway(ds).migrate();
        assertThat(first.migrationsExecuted).isEqualTo(2);
        assertThat(first.targetSchemaVersion).isEqualTo("100");
        assertThat(flyway(ds).info().applied()).extracting(MigrationInfo::getDescription)
                .containsExactly("governance", "jti replay");

        assertThat(flyway(ds).migrate().migrationsExecuted).isZero();
        assertThat(flyway(ds).validateWithResult().validationSuccessful).isTrue();

        assertThat(columns(ds, "issued_card")).containsExactly("uuid", "service", "card_id", "indicator",
                "hook_instance", "client", "patient_hash", "issued_at", "issued_day");
        assertThat(columns(ds, "card_feedback")).containsExactly("card_uuid", "feedback_key", "outcome",
                "reason_system", "reason_code", "reason_display", "user_comment", "outcome_at", "received_at");
        assertThat(columns(ds, "accepted_suggestion")).containsExactly("card_uuid", "feedback_key", "suggestion_id");
        // The jti replay record of the trust layer (V100), in the same database.
        assertThat(columns(ds, "jti_replay")).containsExactly("issuer", "jti", "expires_at");
        // Nothing that could hold a patient id in the clear.
        assertThat(columns(ds, "issued_card")).noneMatch(c -> c.contains("patient") && !c.equals("patient_hash"));
    }

    private static List<String> columns(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            // PostgreSQL folds unquoted names to lower case, H2 to upper case.
            String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, null, name, null)) {
                while (rs.next()) {
                    names.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                }
            }
            return names;
        }
    }
}
