package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.evaluation.PatientResources;
import org.cqlhooks.evaluation.ServiceEvaluator;
import org.cqlhooks.knowledge.ContentPackages;
import org.cqlhooks.testing.TestContent;
import org.cqlhooks.wire.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Broken content stops the start with a message that names the file and the field (or line and column). */
class ContentStartupChecksTest {

    private static final String LIBRARY = """
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

    private static final String SERVICE = """
            {"id":"demo","hook":"patient-view","title":"Demo","description":"d",
             "prefetch":{"conditions":"Condition?patient={{context.patientId}}"},
             "libraries":["Demo"],
             "cards":[{"id":"DEMO","title":"Demo card","when":"Fires","indicator":"info",
                       "summary":"${Count} conditions","detail":"","evidence":"Guideline-based",
                       "source":{"label":"Demo source","url":"https://example.org/demo"}}]}
            """;

    private static final String REASONS = "http://example.org/override-reason";
    private static final List<Coding> DEFAULT_REASONS = List.of(new Coding(REASONS, "known", "Already known"),
            new Coding(REASONS, "not-applicable", "Does not apply"));

    @TempDir
    Path dir;
    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    @BeforeEach
    void layout() throws IOException {
        Files.createDirectories(dir.resolve("cql"));
        Files.createDirectories(dir.resolve("hooks"));
        Files.createDirectories(dir.resolve("fhir"));
    }

    private ContentProperties content() {
        return new ContentProperties("file:" + dir.resolve("cql") + "/", "file:" + dir.resolve("hooks") + "/",
                "file:" + dir.resolve("fhir") + "/");
    }

    private void write(String file, String text) throws IOException {
        Files.writeString(dir.resolve(file), text);
    }

    /** The catalogue, or the one exception that lists every problem of the libraries and the service files. */
    private ServiceCatalog catalog() {
        CqlLibraries libraries = libraries();
        ServiceCatalog catalog = new ServiceCatalog(content(), new CardProperties(DEFAULT_REASONS), resolver,
                libraries, ContentPackages.none());
        ContentException.throwIfAny(catalog.problems());
        return catalog;
    }

    private CqlLibraries libraries() {
        CqlLibraries libraries = new CqlLibraries(content(), resolver);
        ContentException.throwIfAny(libraries.problems());
        return libraries;
    }

    private CqlParameters parameters(java.util.Map<String, String> settings, CqlLibraries libraries) {
        CqlParameters parameters = new CqlParameters(new CqlProperties(settings), libraries);
        ContentException.throwIfAny(parameters.problems());
        return parameters;
    }

    @Test
    void aValidServiceLoads() throws IOException {
        write("cql/Demo.cql", LIBRARY);
        write("hooks/demo.json", SERVICE);
        CdsService service = catalog().find("demo").orElseThrow();
        assertThat(service.definitionsByLibrary()).containsEntry("Demo", java.util.Set.of("Fires", "Count"));
    }

    @Test
    void aTranslationErrorNamesLibraryLineAndColumn() throws IOException {
        write("cql/Demo.cql", LIBRARY.replace("exists [Condition]", "exists [Condition] C where C.nonsense = 1"));
        assertThatThrownBy(this::libraries)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("library Demo (Demo.cql), line 7, column");
    }

    @Test
    void brokenServiceDefinitionsNameTheFileAndTheField() throws IOException {
        write("cql/Demo.cql", LIBRARY);
        String[][] cases = {
            {"\"hook\":\"patient-view\"", "\"hook\":\"patient-open\"", "hooks/demo.json: hook"},
            {"\"description\":\"d\",", "", "hooks/demo.json: description"},
            {"\"when\":\"Fires\"", "\"when\":\"Nope\"", "hooks/demo.json: cards[0].when: no definition \"Nope\""},
            {"\"when\":\"Fires\"", "\"when\":\"Count\"", "cards[0].when: \"Count\" is System.Integer, not Boolean"},
            {"\"indicator\":\"info\"", "\"indicator\":\"urgent\"", "cards[0].indicator"},
            {"${Count} conditions", "${Missing} conditions", "placeholder ${Missing}"},
            {"\"libraries\":[\"Demo\"]", "\"libraries\":[\"Other\"]", "libraries[0]: no CQL library 'Other'"},
            {"{{context.patientId}}", "{{context.draftOrders}}", "prefetch.conditions: token {{context.draftOrders}}"},
            {"\"url\":\"https://example.org/demo\"", "\"url\":\"javascript:alert(1)\"", "cards[0].source.url"},
            {"\"title\":\"Demo\",", "\"title\":\"Demo\",\"colour\":\"red\",", "hooks/demo.json: colour"},
            {"\"title\":\"Demo\",", "\"title\":\"Demo\",\"colour\":\"red\",", "colour: unknown field \"colour\"; the "
                + "fields here are [cards, description, hook, id, includes, libraries, prefetch, title, usageRequirements]"},
            {"\"id\":\"demo\"", "\"id\":\"other\"", "id: must match the file name"},
            {"\"evidence\":\"Guideline-based\"", "\"evidence\":\"Guideline-based\",\"evidenceResources\":\"Nope\"",
                "cards[0].evidenceResources: no definition \"Nope\""},
            {"\"evidence\":\"Guideline-based\"", "\"evidence\":\"Guideline-based\",\"evidenceResources\":\"Count\"",
                "cards[0].evidenceResources: \"Count\" is System.Integer, not a list"}};
        for (String[] c : cases) {
            write("hooks/demo.json", SERVICE.replace(c[0], c[1]));
            assertThatThrownBy(this::catalog).as(c[2]).isInstanceOf(ContentException.class)
                    .hasMessageContaining(c[2]);
        }
    }

    @Test
    void aPlaceholderMayNameAParameterOfTheLibrary() throws IOException {
        write("cql/Demo.cql", LIBRARY);
        write("hooks/demo.json", SERVICE.replace("${Count} conditions", "${Count} conditions, threshold ${Threshold}"));
        LiveContent content = new LiveContent(TestContent.sources(content()));
        CdsService service = content.catalog().find("demo").orElseThrow();
        Condition condition = new Condition();
        condition.setId("c1");
        condition.setSubject(new Reference("Patient/p1"));
        var cards = new ServiceEvaluator(content.current().evaluator()).cards(service,
                new PatientResources("p1", List.of(condition)), ZonedDateTime.now());
        assertThat(cards).singleElement().extracting(card -> card.summary())
                .isEqualTo("1 conditions, threshold 40");
        var site = new ServiceEvaluator(content.current().evaluatorWith(Map.of("Threshold", "44")))
                .cards(service, new PatientResources("p1", List.of(condition)), ZonedDateTime.now());
        assertThat(site.get(0).summary()).as("the site's setting").isEqualTo("1 conditions, threshold 44");
    }

    @Test
    void aCardOffersTheDefaultOverrideReasonsItsOwnOrNone() throws IOException {
        write("cql/Demo.cql", LIBRARY);
        write("hooks/demo.json", SERVICE);
        assertThat(catalog().find("demo").orElseThrow().cards().get(0).overrideReasons())
                .isEqualTo(DEFAULT_REASONS);

        write("hooks/demo.json", SERVICE.replace("\"evidence\":", """
                "overrideReasons":[{"system":"http://example.org/own","code":"stopped","display":"Stopped"}],
                "evidence":"""));
        assertThat(catalog().find("demo").orElseThrow().cards().get(0).overrideReasons())
                .containsExactly(new Coding("http://example.org/own", "stopped", "Stopped"));

        write("hooks/demo.json", SERVICE.replace("\"evidence\":", "\"overrideReasons\":[],\"evidence\":"));
        assertThat(catalog().find("demo").orElseThrow().cards().get(0).overrideReasons()).isEmpty();
    }

    @Test
    void brokenOverrideReasonsStopTheStartNamingTheField() throws IOException {
        write("cql/Demo.cql", LIBRARY);
        String[][] cases = {
            {"{\"system\":\"http://example.org/own\",\"code\":\"stopped\"}",
                "hooks/demo.json: cards[0].overrideReasons[0].display: required (2.0.1"},
            {"{\"system\":\"own\",\"code\":\"stopped\",\"display\":\"Stopped\"}",
                "cards[0].overrideReasons[0].system"},
            {"{\"system\":\"http://example.org/own\",\"code\":\"has space\",\"display\":\"Stopped\"}",
                "cards[0].overrideReasons[0].code"},
            {"{\"system\":\"http://x.org\",\"code\":\"a\",\"display\":\"A\"},"
                + "{\"system\":\"http://x.org\",\"code\":\"a\",\"display\":\"Again\"}",
                "cards[0].overrideReasons[1]: reason http://x.org|a appears twice"}};
        for (String[] c : cases) {
            write("hooks/demo.json", SERVICE.replace("\"evidence\":", "\"overrideReasons\":[" + c[0] + "],\"evidence\":"));
            assertThatThrownBy(this::catalog).as(c[1]).isInstanceOf(ContentException.class)
                    .hasMessageContaining(c[1]);
        }
        write("hooks/demo.json", SERVICE);
        assertThat(new ServiceCatalog(content(), new CardProperties(List.of(new Coding(REASONS, "known", " "))),
                resolver, libraries(), ContentPackages.none()).problems())
                .containsExactly("configuration: cds.cards.override-reasons[0].display: required (2.0.1: the service "
                        + "MUST populate a display for each override reason), at most 255 characters");
    }

    @Test
    void aCardsEvidenceResourcesDefinitionIsEvaluatedWithTheCard() throws IOException {
        write("cql/Demo.cql", LIBRARY);
        write("hooks/demo.json", SERVICE.replace("\"evidence\":\"Guideline-based\"",
                "\"evidence\":\"Guideline-based\",\"evidenceResources\":\"Condition Refs\""));
        CdsService service = catalog().find("demo").orElseThrow();
        assertThat(service.definitionsByLibrary().get("Demo")).contains("Condition Refs");
        assertThat(service.cards().get(0).evidenceResources()).contains("Condition Refs");
    }

    @Test
    void aServiceCanIncludeOthersMergingTheirPrefetchAndCards() throws IOException {
        write("cql/Demo.cql", LIBRARY);
        write("hooks/demo.json", SERVICE);
        write("hooks/second.json", SERVICE.replace("\"id\":\"demo\"", "\"id\":\"second\"")
                .replace("\"conditions\":", "\"patient\":\"Patient/{{context.patientId}}\",\"conditions\":")
                .replace("\"id\":\"DEMO\"", "\"id\":\"SECOND\""));
        write("hooks/all.json", """
                {"id":"all","hook":"patient-view","title":"All","description":"everything",
                 "includes":["demo","second"]}""");
        CdsService all = catalog().find("all").orElseThrow();
        assertThat(all.prefetch()).containsOnlyKeys("conditions", "patient");
        assertThat(all.cards()).extracting(c -> c.id()).containsExactly("DEMO", "SECOND");
        assertThat(all.definition().libraries()).containsExactly("Demo");

        write("hooks/all.json", """
                {"id":"all","hook":"patient-view","title":"All","description":"everything",
                 "includes":["demo","demo-copy"]}""");
        write("hooks/second.json", SERVICE.replace("\"id\":\"demo\"", "\"id\":\"second\""));
        assertThatThrownBy(this::catalog).hasMessageContaining("hooks/all.json: includes[1]: no service 'demo-copy'");
        write("hooks/all.json", """
                {"id":"all","hook":"patient-view","title":"All","description":"everything",
                 "includes":["demo","second"]}""");
        assertThatThrownBy(this::catalog).hasMessageContaining("card ID 'DEMO' comes from two services");
    }

    @Test
    void aFamilysCardFileGivesItsCardsToEveryServiceRunningTheLibrary() throws IOException {
        write("cql/Demo.cql", LIBRARY);
        String service = SERVICE.substring(0, SERVICE.indexOf(",\n \"cards\"")) + "}";
        String cards = "{\"library\":\"Demo\",\"cards\":" + SERVICE.substring(SERVICE.indexOf("[{\"id\":\"DEMO\""),
                SERVICE.lastIndexOf('}')) + "}";
        Files.createDirectories(dir.resolve("hooks/cards"));
        write("hooks/demo.json", service);
        write("hooks/second.json", service.replace("\"id\":\"demo\"", "\"id\":\"second\""));
        write("hooks/cards/Demo.json", cards);
        ServiceCatalog catalog = catalog();
        for (String id : List.of("demo", "second")) {
            CdsService loaded = catalog.find(id).orElseThrow();
            assertThat(loaded.cards()).extracting(c -> c.id()).containsExactly("DEMO");
            assertThat(loaded.definition().cards()).extracting(c -> c.library()).containsExactly("Demo");
        }

        String[][] broken = {
            {"\"library\":\"Demo\"", "\"library\":\"Other\"",
                "hooks/cards/Demo.json: library: must name the library the file is named for ('Demo')"},
            {"\"when\":\"Fires\"", "\"when\":\"Nope\"",
                "hooks/cards/Demo.json: cards[0].when: no definition \"Nope\" in library Demo"},
            {"\"title\":\"Demo card\"", "\"title\":\"Demo card\",\"library\":\"Other\"",
                "hooks/cards/Demo.json: cards[0].library: leave it out (the file is the library's)"},
            {"\"title\":\"Demo card\"", "\"title\":\"Demo card\",\"colour\":\"red\"",
                "hooks/cards/Demo.json: cards[0].colour"},
            {"\"title\":\"Demo card\"", "\"title\":\"Demo card\",\"colour\":\"red\"",
                "hooks/cards/Demo.json: cards[0].colour: unknown field \"colour\"; the fields here are [detail, "}};
        for (String[] c : broken) {
            write("hooks/cards/Demo.json", cards.replace(c[0], c[1]));
            assertThatThrownBy(this::catalog).as(c[2]).isInstanceOf(ContentException.class)
                    .hasMessageContaining(c[2]);
        }
        // The same problem of a card file read by two services is reported once.
        write("hooks/cards/Demo.json", cards.replace("\"when\":\"Fires\"", "\"when\":\"Nope\""));
        assertThat(new ServiceCatalog(content(), resolver, libraries()).problems()).hasSize(1);

        write("hooks/cards/Demo.json", cards);
        write("hooks/demo.json", SERVICE);
        assertThatThrownBy(this::catalog).hasMessageContaining(
                "hooks/cards/Demo.json: cards[0].id: card ID 'DEMO' appears twice in service 'demo'");
        write("hooks/demo.json", service);
        write("hooks/cards/Unused.json", cards.replace("\"library\":\"Demo\"", "\"library\":\"Unused\""));
        write("cql/Unused.cql", LIBRARY.replace("library Demo", "library Unused"));
        assertThatThrownBy(this::catalog).hasMessageContaining(
                "hooks/cards/Unused.json: no service in hooks/ runs library 'Unused'");
    }

    @Test
    void cardFilesCanLiveOutsideTheHooksFolder() throws IOException {
        // As on Kubernetes, where a ConfigMap is flat and the card files are a ConfigMap of their own.
        write("cql/Demo.cql", LIBRARY);
        write("hooks/demo.json", SERVICE.substring(0, SERVICE.indexOf(",\n \"cards\"")) + "}");
        Files.createDirectories(dir.resolve("cards"));
        write("cards/Demo.json", "{\"library\":\"Demo\",\"cards\":" + SERVICE.substring(
                SERVICE.indexOf("[{\"id\":\"DEMO\""), SERVICE.lastIndexOf('}')) + "}");
        ContentProperties separate = new ContentProperties(content().cql(), content().hooks(),
                content().fhirResources(), null, "file:" + dir.resolve("cards") + "/", null);
        assertThat(content().cards()).isEqualTo(content().hooks() + "cards/");

        ServiceCatalog catalog = new ServiceCatalog(separate, new CardProperties(DEFAULT_REASONS), resolver,
                libraries(), ContentPackages.none());
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.find("demo").orElseThrow().cards()).extracting(c -> c.id()).containsExactly("DEMO");
        // Without the location the service has no card, which stops the start.
        assertThatThrownBy(this::catalog).hasMessageContaining("declare at least one card");
    }

    @Test
    void siteParametersMustNameAParameterAndFitItsType() throws IOException {
        write("cql/Demo.cql", LIBRARY);
        CqlLibraries libraries = libraries();

        CqlParameters ok = parameters(java.util.Map.of("threshold", "44", "ENABLED", "true"), libraries);
        assertThat(ok.values()).containsEntry("Demo.Threshold", 44).containsEntry("Demo.Enabled", true);
        assertThatThrownBy(() -> parameters(java.util.Map.of("Nope", "1"), libraries))
                .hasMessageContaining("cds.cql.parameters.Nope names no CQL parameter");
        assertThatThrownBy(() -> parameters(java.util.Map.of("Threshold", "forty"), libraries))
                .hasMessageContaining("'forty' is not a valid Integer");
        assertThatThrownBy(() -> parameters(java.util.Map.of("Enabled", "yes"), libraries))
                .hasMessageContaining("'yes' is not a valid Boolean");
    }

    @Test
    void rangeTagsBoundNumbersOnOneOrBothSidesAndListAllowedStrings() throws IOException {
        write("cql/Demo.cql", LIBRARY.replace("parameter \"Enabled\" Boolean default false", """
                parameter "Enabled" Boolean default false
                // The mode of the demo.
                // @allowed: low | high
                parameter "Mode" String default 'low'
                // @range: 1..
                parameter "Lookback" Integer default 3
                // @range: 0.5..2.5
                parameter "Factor" Decimal default 1.0"""));
        CqlLibraries libraries = libraries();

        assertThat(parameters(java.util.Map.of("Mode", "high", "Lookback", "900", "Factor", "2.5"), libraries)
                .values()).containsEntry("Demo.Mode", "high").containsEntry("Demo.Lookback", 900);
        assertThatThrownBy(() -> parameters(java.util.Map.of("Mode", "medium", "Lookback", "0", "Factor", "2.51"),
                libraries)).hasMessageContaining("3 problems")
                .hasMessageContaining("cds.cql.parameters.Mode=medium: Demo.\"Mode\" (String) must be low, high")
                .hasMessageContaining("cds.cql.parameters.Lookback=0: Demo.\"Lookback\" (Integer) must be ≥ 1")
                .hasMessageContaining("cds.cql.parameters.Factor=2.51: Demo.\"Factor\" (Decimal) must be 0.5–2.5");
    }
}
