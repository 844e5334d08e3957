package org.cqlhooks.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentScope;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.cql.ValueSetTerminology;
import org.cqlhooks.knowledge.ContentPackages;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.wire.Coding;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A content folder of the start-up check tests: one small library ({@link #LIBRARY}: two parameters, a Boolean, a
 * count and a list of references) and one service running it ({@link #SERVICE}), written into a temporary folder
 * with {@code cql/}, {@code hooks/} and {@code fhir/}, and loaded as the server loads content.
 */
final class DemoContent {

    static final String LIBRARY = """
            library Demo version '1.0.0'
            using FHIR version '4.0.1'
            include FHIRHelpers version '4.0.1' called FHIRHelpers
            parameter "Threshold" Integer default 40
            parameter "Enabled" Boolean default false
            context Patient
            define "Fires": exists [Condition]
            define "Count": Count([Condition])
            define "Condition Refs": [Condition] C return 'Condition/' + C.id.value
            """;

    static final String SERVICE = """
            {"id":"demo","hook":"patient-view","title":"Demo","description":"d",
             "prefetch":{"conditions":"Condition?patient={{context.patientId}}"},
             "libraries":["Demo"],
             "cards":[{"id":"DEMO","title":"Demo card","when":"Fires","indicator":"info",
                       "summary":"${Count} conditions","detail":"","evidence":"Guideline-based",
                       "source":{"label":"Demo source","url":"https://example.org/demo"}}]}
            """;

    static final String REASONS = "http://example.org/override-reason";
    static final List<Coding> DEFAULT_REASONS = List.of(new Coding(REASONS, "known", "Already known"),
            new Coding(REASONS, "not-applicable", "Does not apply"));

    private final Path dir;
    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    DemoContent(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("cql"));
        Files.createDirectories(dir.resolve("hooks"));
        Files.createDirectories(dir.resolve("fhir"));
    }

    Path dir() {
        return dir;
    }

    PathMatchingResourcePatternResolver resolver() {
        return resolver;
    }

    ContentProperties content() {
        return new ContentProperties("file:" + dir.resolve("cql") + "/", "file:" + dir.resolve("hooks") + "/",
                "file:" + dir.resolve("fhir") + "/");
    }

    void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
    }

    /** The catalogue, or the one exception that lists every problem of the libraries and the service files. */
    ServiceCatalog catalog() {
        CqlLibraries libraries = libraries();
        ServiceCatalog catalog = new ServiceCatalog(new ServiceCatalog.Inputs(content(),
                new CardProperties(DEFAULT_REASONS), resolver, libraries, ContentPackages.none(), null,
                new ValueSetTerminology(content(), resolver, TestContent.FHIR), ContentScope.ALL));
        ContentException.throwIfAny(catalog.problems());
        return catalog;
    }

    CqlLibraries libraries() {
        CqlLibraries libraries = new CqlLibraries(content(), resolver);
        ContentException.throwIfAny(libraries.problems());
        return libraries;
    }

    CqlParameters parameters(Map<String, String> settings, CqlLibraries libraries) {
        CqlParameters parameters = new CqlParameters(new CqlProperties(settings), libraries);
        ContentException.throwIfAny(parameters.problems());
        return parameters;
    }
}
