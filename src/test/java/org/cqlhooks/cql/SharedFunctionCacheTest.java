package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Function call sites are resolved once per content version, shared by its evaluations, and by call site: two
 * libraries each with its own {@code "Scaled"(Integer)} and the same call {@code "Scaled"(2)} each get their own,
 * in one evaluation and in the next; a second evaluation resolves nothing new and answers the same.
 */
class SharedFunctionCacheTest {

    private static final String HEADER = "using FHIR version '4.0.1'\n"
            + "include FHIRHelpers version '4.0.1' called FHIRHelpers\n";

    @TempDir
    Path dir;

    private void write(String library, String body) throws IOException {
        Files.createDirectories(dir.resolve("cql"));
        Files.writeString(dir.resolve("cql").resolve(library + ".cql"), "library " + library + " version '1'\n"
                + HEADER + "context Patient\n" + body);
    }

    @Test
    void eachCallSiteKeepsItsOwnLibrarysFunctionAcrossEvaluations() throws IOException {
        write("Tens", "define function \"Scaled\"(x Integer): x * 10\ndefine \"Value\": \"Scaled\"(2)\n"
                + "define \"Twice\": \"Scaled\"(\"Scaled\"(2))\n");
        write("Hundreds", "define function \"Scaled\"(x Integer): x * 100\ndefine \"Value\": \"Scaled\"(2)\n");
        ContentProperties content = new ContentProperties("file:" + dir.resolve("cql") + "/",
                "file:" + dir + "/hooks/", "file:" + dir + "/fhir/");
        var resolver = new PathMatchingResourcePatternResolver();
        CqlLibraries libraries = new CqlLibraries(content, resolver);
        assertThat(libraries.problems()).isEmpty();
        CqlEvaluator evaluator = new CqlEvaluator(libraries, new ValueSetTerminology(content, resolver,
                TestContent.FHIR), new CqlParameters(new CqlProperties(Map.of()), libraries), TestContent.FHIR);
        Evaluation evaluation = new Evaluation(Map.of("Tens", Set.of("Value", "Twice"), "Hundreds", Set.of("Value")),
                "p1", List.of(), ZonedDateTime.parse("2025-03-01T12:00:00Z"));

        Map<String, LibraryResult> first = evaluator.evaluate(evaluation);
        int resolved = evaluator.resolvedCallSites();
        Map<String, LibraryResult> second = evaluator.evaluate(evaluation);

        for (Map<String, LibraryResult> results : List.of(first, second)) {
            assertThat(results.get("Tens").value("Value")).isEqualTo(20);
            assertThat(results.get("Tens").value("Twice")).isEqualTo(200);
            assertThat(results.get("Hundreds").value("Value")).isEqualTo(200);
        }
        assertThat(resolved).as("the four call sites of the two libraries").isEqualTo(4);
        assertThat(evaluator.resolvedCallSites()).as("nothing new resolved by the second evaluation")
                .isEqualTo(resolved);
    }
}
