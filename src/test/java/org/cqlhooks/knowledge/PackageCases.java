package org.cqlhooks.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cqlhooks.cases.ClinicalCase;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The cases of the test packages' services, in the project's case layout:
 * src/test/resources/packages/cases/&lt;service&gt;/&lt;case&gt;/ with {@code bundle.json} (dates relative to T)
 * and {@code expected.json}: {@code patientId}, {@code cards} (the action ids that give a card, all others absent)
 * and optional {@code cardDetails} ({@code {"<action id>": {"summary": ..., "indicator": ...}}}).
 */
final class PackageCases {

    static final Path ROOT = Path.of("src/test/resources/packages/cases");

    private PackageCases() {
    }

    static Stream<ClinicalCase> all() {
        return ClinicalCase.read(new PathMatchingResourcePatternResolver(), "file:" + ROOT.toAbsolutePath() + "/")
                .stream();
    }

    /** What the case expects of one card: its summary and indicator, where stated. */
    static JsonNode details(ClinicalCase c, String card) {
        return c.expected().path("cardDetails").path(card);
    }
}
