package org.cqlhooks.invocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.ServerTest;
import org.cqlhooks.wire.Card;
import org.hl7.fhir.instance.model.api.IBaseResource;
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

    /** The LDN-and-oxycodone case of {@link Calls} for this patient, without the oxycodone order if not withOpioid. */
    private static String request(String patientId, boolean withOpioid) {
        List<IBaseResource> record = Calls.ntxOpioidRecordOf(patientId).stream()
                .filter(r -> withOpioid || !r.fhirType().equals("MedicationRequest")).toList();
        return Calls.withPrefetch(patientId, record).toString();
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
