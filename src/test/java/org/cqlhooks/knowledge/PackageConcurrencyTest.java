package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cqlhooks.cases.ClinicalCase;
import org.junit.jupiter.api.Test;

/**
 * Calls to package services at once, for patients with and without a finding: the packages' repository, the
 * processor and the compiled libraries are shared, yet every answer belongs to its own patient.
 */
class PackageConcurrencyTest {

    @Test
    void concurrentApplyNeverMixesPatients() throws Exception {
        ContentPackages packages = TestPackages.folder();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        List<ClinicalCase> cases = PackageCases.all().toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Boolean>> checks = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                ClinicalCase c = cases.get(i % cases.size());
                checks.add(pool.submit(() -> {
                    var cards = packages.evaluate(packages.find(c.service()).orElseThrow(), c.patientId(),
                            c.resources(now), now);
                    return cards.stream().map(card -> card.source().topic().code()).sorted().toList()
                            .equals(c.cards().stream().sorted().toList());
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
