package org.cqlhooks.testing;

import ca.uhn.fhir.context.FhirContext;
import java.util.Map;
import org.cqlhooks.catalog.ServiceCatalog;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.CqlEvaluator;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.cql.ValueSetTerminology;
import org.cqlhooks.evaluation.ServiceEvaluator;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The bundled content, translated once per test JVM, for tests that need CQL without a Spring context. */
public final class TestContent {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final ContentProperties CONTENT = new ContentProperties("classpath:content/cql/",
            "classpath:content/hooks/", "classpath:content/fhir-resources/");
    private static final PathMatchingResourcePatternResolver RESOLVER = new PathMatchingResourcePatternResolver();

    private static CqlLibraries libraries;
    private static ValueSetTerminology terminology;
    private static ServiceCatalog catalog;

    private TestContent() {
    }

    public static synchronized CqlLibraries libraries() {
        if (libraries == null) {
            libraries = new CqlLibraries(CONTENT, RESOLVER);
            ContentException.throwIfAny(libraries.problems());
        }
        return libraries;
    }

    public static synchronized ValueSetTerminology terminology() {
        if (terminology == null) {
            terminology = new ValueSetTerminology(CONTENT, RESOLVER, FHIR);
            ContentException.throwIfAny(terminology.problems());
        }
        return terminology;
    }

    public static synchronized ServiceCatalog catalog() {
        if (catalog == null) {
            catalog = new ServiceCatalog(CONTENT, RESOLVER, libraries(), terminology());
            ContentException.throwIfAny(catalog.problems());
        }
        return catalog;
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
        CqlParameters checked = new CqlParameters(new CqlProperties(parameters), libraries());
        ContentException.throwIfAny(checked.problems());
        return new CqlEvaluator(libraries(), terminology(), checked, FHIR);
    }

    /** The evaluation entry point with the given site parameters (name to value, as in configuration). */
    public static ServiceEvaluator evaluation(Map<String, String> parameters) {
        return new ServiceEvaluator(evaluator(parameters));
    }
}
