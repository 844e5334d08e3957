package org.cqlhooks.governance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The server on a real PostgreSQL that goes away during calls and comes back: the calls still answer with their
 * cards, which wait to be recorded (a queue of one card here, so the third call's card does not fit and is counted),
 * the outage is logged once, feedback and analytics say 503 meanwhile, and recording resumes (logged once) when the
 * database is back.
 */
@SpringBootTest(properties = {"spring.datasource.hikari.connection-timeout=1000", "cds.governance.queue-capacity=1"})
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class DatabaseDownTest {

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgres postgres;

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start();
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        dataDirectory = Files.createTempDirectory("governance-pg-");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postgres = startPostgres();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    private boolean recorded(String uuid) {
        try {
            return jdbc.sql("SELECT COUNT(*) FROM issued_card WHERE uuid = :u").param("u", uuid).query(Long.class)
                    .single() == 1;
        } catch (DataAccessException e) {
            return false; // the pool reconnecting
        }
    }

    private double unrecorded() {
        return meters.counter("cds.governance.unrecorded", "reason", "queue-full").count();
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void callsAnswerWhileTheDatabaseIsDownAndRecordingResumesWhenItIsBack(CapturedOutput log) throws Exception {
        JsonNode before = Issued.ntxOpioid(mvc);
        Eventually.until("the first card is recorded", () -> recorded(before.get("uuid").asText()));

        postgres.close();
        JsonNode held = Issued.ntxOpioid(mvc);
        Eventually.until("the outage is noticed", () -> log.getAll().contains("Governance database unavailable"));
        JsonNode queued = Issued.ntxOpioid(mvc);
        JsonNode lost = Issued.ntxOpioid(mvc);
        for (JsonNode card : new JsonNode[] {held, queued, lost}) {
            assertThat(card.get("summary")).isEqualTo(before.get("summary"));
            assertThat(card.at("/source/topic/code").asText()).isEqualTo("NTX-OPIOID");
        }
        assertThat(unrecorded()).isEqualTo(1.0);

        // What needs the database now says so, with a status the client may retry.
        Issued.send(mvc, "naltrexone-opioid-safety", Issued.overridden(before.get("uuid").asText(), null, null,
                Instant.now())).andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.issue[0].code").value("transient"));
        mvc.perform(get("/analytics/cards")).andExpect(status().isServiceUnavailable());

        postgres = startPostgres();
        Eventually.until("the held and queued cards are recorded", () -> recorded(held.get("uuid").asText())
                && recorded(queued.get("uuid").asText()));
        JsonNode after = Issued.ntxOpioid(mvc);
        Eventually.until("the card after the outage is recorded", () -> recorded(after.get("uuid").asText()));
        assertThat(recorded(lost.get("uuid").asText())).isFalse();
        assertThat(unrecorded()).isEqualTo(1.0);
        assertThat(occurrences(log.getAll(), "Governance database unavailable")).isEqualTo(1);
        assertThat(occurrences(log.getAll(), "Governance recording resumed; 1 cards were not recorded meanwhile"))
                .isEqualTo(1);
        Issued.send(mvc, "naltrexone-opioid-safety", Issued.overridden(before.get("uuid").asText(), null, null,
                Instant.now())).andExpect(status().isOk());
    }
}
