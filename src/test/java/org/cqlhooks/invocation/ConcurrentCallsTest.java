package org.cqlhooks.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.wire.Card;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many calls at once for two patients, one with the critical card and one without: every answer belongs to its own
 * patient (no per-request state shared between calls).
 */
@ServerTest
class ConcurrentCallsTest {

    @Autowired
    InvocationService invocations;

    private static String request(String patientId, boolean withOpioid) {
        ObjectNode request = Requests.patientView(patientId);
        ObjectNode prefetch = request.putObject("prefetch");
        String opioid = withOpioid ? """
                {"resource":{"resourceType":"MedicationRequest","id":"oxy-%s","status":"active","intent":"order",
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                 "code":"1049621"}]},"subject":{"reference":"Patient/%s"}}}""".formatted(patientId, patientId) : "";
        try {
            prefetch.set("medicationRequests", Requests.JSON.readTree(
                    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + opioid + "]}"));
            prefetch.set("medicationStatements", Requests.JSON.readTree("""
                    {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":
                     "MedicationStatement","id":"ldn-%s","status":"active","medicationCodeableConcept":{"text":"LDN"},
                     "subject":{"reference":"Patient/%s"}}}]}""".formatted(patientId, patientId)));
            prefetch.set("medicationDispenses", Requests.JSON.readTree(
                    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}"));
            prefetch.set("medicationAdministrations", Requests.JSON.readTree(
                    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}"));
            prefetch.set("urineDrugScreens", Requests.JSON.readTree(
                    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return request.toString();
    }

    @Test
    void concurrentCallsNeverMixPatients() throws Exception {
        byte[] withCard = request("alice", true).getBytes(StandardCharsets.UTF_8);
        byte[] without = request("bob", false).getBytes(StandardCharsets.UTF_8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean alice = i % 2 == 0;
                checks.add(pool.submit(() -> {
                    List<Card> cards = invocations.invoke("naltrexone-opioid-safety", alice ? withCard : without)
                            .cards();
                    if (!alice) {
                        return cards.isEmpty();
                    }
                    // Records are named in the card's evidence extension, not in its text.
                    String evidence = String.valueOf(cards.get(0).extension()
                            .get(CompiledCard.EVIDENCE_RESOURCES_EXTENSION));
                    return cards.size() == 1 && evidence.contains("MedicationRequest/oxy-alice")
                            && !evidence.contains("bob") && !cards.get(0).detail().contains("bob");
                }));
            }
            for (Future<Boolean> check : checks) {
                assertThat(check.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
