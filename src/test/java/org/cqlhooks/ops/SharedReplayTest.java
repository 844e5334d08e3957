package org.cqlhooks.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.ECKey;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cqlhooks.CqlHooksApplication;
import org.cqlhooks.testing.CardChecks;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two replicas: two instances of the application in this JVM, each with its own port, sharing one PostgreSQL.
 * A token accepted by one is refused by the other (the jti replay record is in the database), in both directions;
 * each keeps its own JWK Set cache (the keys are read from a file by each).
 */
class SharedReplayTest {

    private static final String EHR = "https://ehr.example.org";
    private static final String AUDIENCE = "https://cds.example.org";
    private static final ECKey KEY = TestKeys.ec("replicas");
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ConfigurableApplicationContext replica(String database, Path jwks) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--cds.security.clients[0].issuer=" + EHR, "--cds.security.clients[0].jwks=file:" + jwks,
                "--cds.security.audience=" + AUDIENCE));
        ProbeCalls.CONTENT.forEach(property -> args.add("--" + property));
        return new SpringApplicationBuilder(CqlHooksApplication.class).run(args.toArray(String[]::new));
    }

    private static String base(ConfigurableApplicationContext replica) {
        return "http://127.0.0.1:" + replica.getEnvironment().getProperty("local.server.port");
    }

    private static HttpResponse<String> call(ConfigurableApplicationContext replica, String token) throws Exception {
        return ProbeCalls.post(http, base(replica) + ProbeCalls.SERVICE, ProbeCalls.request("p1", 1, null), token);
    }

    private static String token() {
        return TestKeys.sign(KEY, TestKeys.claims(EHR, AUDIENCE + ProbeCalls.SERVICE, Instant.now()).build());
    }

    @Test
    void aTokenAcceptedByOneReplicaIsRefusedByTheOther() throws Exception {
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, TestKeys.publicSet(KEY));
        try (Postgres database = new Postgres();
                ConfigurableApplicationContext a = replica(database.url(), jwks);
                ConfigurableApplicationContext b = replica(database.url(), jwks)) {
            assertThat(base(a)).isNotEqualTo(base(b));

            String first = token();
            HttpResponse<String> accepted = call(a, first);
            assertThat(accepted.statusCode()).isEqualTo(200);
            assertThat(CardChecks.ids(accepted.body())).containsExactly("OPS-CONDITION");
            HttpResponse<String> replayed = call(b, first);
            assertThat(replayed.statusCode()).isEqualTo(401);
            assertThat(replayed.headers().firstValue("WWW-Authenticate").orElse("")).contains("token already used");
            assertThat(Requests.JSON.readTree(replayed.body()).at("/issue/0/code").asText()).isEqualTo("login");

            String second = token();
            assertThat(call(b, second).statusCode()).isEqualTo(200);
            assertThat(call(a, second).statusCode()).isEqualTo(401);
            // Each token is recorded once, in the one database.
            assertThat(count(a)).isEqualTo(2);
        }
    }

    private static long count(ConfigurableApplicationContext replica) {
        return replica.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM jti_replay", Long.class);
    }
}
