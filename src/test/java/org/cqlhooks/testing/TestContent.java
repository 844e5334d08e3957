package org.cqlhooks.testing;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.util.Map;
import org.cqlhooks.catalog.ContentSnapshot;
import org.cqlhooks.catalog.ContentSources;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.catalog.ServiceCatalog;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.CqlEvaluator;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.ValueSetTerminology;
import org.cqlhooks.evaluation.ServiceEvaluator;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The bundled content, loaded and checked once per test JVM, for tests that need CQL without a Spring context. */
public final class TestContent {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    public static final ContentProperties CONTENT = new ContentProperties("classpath:content/cql/",
            "classpath:content/hooks/", "classpath:content/fhir-resources/");

    private static LiveContent live;

    private TestContent() {
    }

    /** The bundled content as the server serves it (never reloaded: its files are on the classpath). */
    public static synchronized LiveContent live() {
        if (live == null) {
            live = new LiveContent(sources(CONTENT));
        }
        return live;
    }

    /** Sources for content at {@code locations}, without site parameters, on the system clock. */
    public static ContentSources sources(ContentProperties locations) {
        return ContentSources.of(locations, new PathMatchingResourcePatternResolver(), FHIR, Clock.systemUTC());
    }

    public static ContentSnapshot snapshot() {
        return live().current();
    }

    public static CqlLibraries libraries() {
        return snapshot().libraries();
    }

    public static ValueSetTerminology terminology() {
        return snapshot().terminology();
    }

    public static ServiceCatalog catalog() {
        return snapshot().catalog();
    }

    /** A ready request of hooks/examples/ by its file name, in whichever family folder it sits. */
    public static java.nio.file.Path example(String fileName) {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("hooks/examples"))) {
            return files.filter(p -> p.getFileName().toString().equals(fileName)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no example " + fileName + " in hooks/examples/"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An evaluator with the given site parameters (name to value, as in configuration). */
    public static CqlEvaluator evaluator(Map<String, String> parameters) {
        return snapshot().evaluatorWith(parameters);
    }

    /** The evaluation entry point with the given site parameters (name to value, as in configuration). */
    public static ServiceEvaluator evaluation(Map<String, String> parameters) {
        return new ServiceEvaluator(evaluator(parameters));
    }
}
