package org.cqlhooks.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cqlhooks.testing.ClinicalCase;

/**
 * The cases of the test packages' services, in the project's case layout:
 * src/test/resources/packages/cases/&lt;service&gt;/&lt;case&gt;/ with {@code bundle.json} (dates relative to T)
 * and {@code expected.json}: {@code patientId}, {@code cards} (the action ids that give a card, all others absent)
 * and optional {@code cardDetails} ({@code {"<action id>": {"summary": ..., "indicator": ...}}}).
 */
final class PackageCases {

    static final Path ROOT = Path.of("src/test/resources/packages/cases");
    private static final ObjectMapper JSON = new ObjectMapper();

    private PackageCases() {
    }

    static Stream<ClinicalCase> all() {
        List<ClinicalCase> cases = new ArrayList<>();
        try (Stream<Path> services = Files.list(ROOT)) {
            for (Path service : services.sorted().toList()) {
                try (Stream<Path> dirs = Files.list(service)) {
                    for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                        cases.add(new ClinicalCase(service.getFileName().toString(), dir.getFileName().toString(),
                                Files.readString(dir.resolve("bundle.json"), StandardCharsets.UTF_8),
                                JSON.readTree(dir.resolve("expected.json").toFile())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases.stream();
    }

    /** What the case expects of one card: its summary and indicator, where stated. */
    static JsonNode details(ClinicalCase c, String card) {
        return c.expected().path("cardDetails").path(card);
    }
}
