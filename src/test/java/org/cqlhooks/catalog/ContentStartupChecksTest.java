package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cqlhooks.catalog.DemoContent.LIBRARY;
import static org.cqlhooks.catalog.DemoContent.SERVICE;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.CqlParameters;
import org.cqlhooks.evaluation.PatientResources;
import org.cqlhooks.evaluation.ServiceEvaluator;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken content stops the start with a message that names the file and the field (or line and column); a valid
 * service loads, may include others and may name its library's parameters. The card files and override reasons are
 * CardFileChecksTest's.
 */
class ContentStartupChecksTest {

    @TempDir
    Path dir;
    private DemoContent demo;

    @BeforeEach
    void layout() throws IOException {
        demo = new DemoContent(dir);
    }

    @Test
    void aValidServiceLoads() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY);
        demo.write("hooks/demo.json", SERVICE);
        CdsService service = demo.catalog().find("demo").orElseThrow();
        assertThat(service.definitionsByLibrary()).containsEntry("Demo", java.util.Set.of("Fires", "Count"));
    }

    @Test
    void aTranslationErrorNamesLibraryLineAndColumn() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY.replace("exists [Condition]", "exists [Condition] C where C.nonsense = 1"));
        assertThatThrownBy(demo::libraries)
                .isInstanceOf(ContentException.class)
                .hasMessageContaining("library Demo (Demo.cql), line 7, column");
    }

    @Test
    void brokenServiceDefinitionsNameTheFileAndTheField() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY);
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
            demo.write("hooks/demo.json", SERVICE.replace(c[0], c[1]));
            assertThatThrownBy(demo::catalog).as(c[2]).isInstanceOf(ContentException.class)
                    .hasMessageContaining(c[2]);
        }
    }

    @Test
    void aPlaceholderMayNameAParameterOfTheLibrary() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY);
        demo.write("hooks/demo.json", SERVICE.replace("${Count} conditions", "${Count} conditions, threshold ${Threshold}"));
        LiveContent content = new LiveContent(TestContent.sources(demo.content()));
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
    void aCardsEvidenceResourcesDefinitionIsEvaluatedWithTheCard() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY);
        demo.write("hooks/demo.json", SERVICE.replace("\"evidence\":\"Guideline-based\"",
                "\"evidence\":\"Guideline-based\",\"evidenceResources\":\"Condition Refs\""));
        CdsService service = demo.catalog().find("demo").orElseThrow();
        assertThat(service.definitionsByLibrary().get("Demo")).contains("Condition Refs");
        assertThat(service.cards().get(0).evidenceResources()).contains("Condition Refs");
    }

    @Test
    void aServiceCanIncludeOthersMergingTheirPrefetchAndCards() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY);
        demo.write("hooks/demo.json", SERVICE);
        demo.write("hooks/second.json", SERVICE.replace("\"id\":\"demo\"", "\"id\":\"second\"")
                .replace("\"conditions\":", "\"patient\":\"Patient/{{context.patientId}}\",\"conditions\":")
                .replace("\"id\":\"DEMO\"", "\"id\":\"SECOND\""));
        demo.write("hooks/all.json", """
                {"id":"all","hook":"patient-view","title":"All","description":"everything",
                 "includes":["demo","second"]}""");
        CdsService all = demo.catalog().find("all").orElseThrow();
        assertThat(all.prefetch()).containsOnlyKeys("conditions", "patient");
        assertThat(all.cards()).extracting(c -> c.id()).containsExactly("DEMO", "SECOND");
        assertThat(all.definition().libraries()).containsExactly("Demo");

        demo.write("hooks/all.json", """
                {"id":"all","hook":"patient-view","title":"All","description":"everything",
                 "includes":["demo","demo-copy"]}""");
        demo.write("hooks/second.json", SERVICE.replace("\"id\":\"demo\"", "\"id\":\"second\""));
        assertThatThrownBy(demo::catalog).hasMessageContaining("hooks/all.json: includes[1]: no service 'demo-copy'");
        demo.write("hooks/all.json", """
                {"id":"all","hook":"patient-view","title":"All","description":"everything",
                 "includes":["demo","second"]}""");
        assertThatThrownBy(demo::catalog).hasMessageContaining("card ID 'DEMO' comes from two services");
    }

    @Test
    void siteParametersMustNameAParameterAndFitItsType() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY);
        CqlLibraries libraries = demo.libraries();

        CqlParameters ok = demo.parameters(java.util.Map.of("threshold", "44", "ENABLED", "true"), libraries);
        assertThat(ok.values()).containsEntry("Demo.Threshold", 44).containsEntry("Demo.Enabled", true);
        assertThatThrownBy(() -> demo.parameters(java.util.Map.of("Nope", "1"), libraries))
                .hasMessageContaining("cds.cql.parameters.Nope names no CQL parameter");
        assertThatThrownBy(() -> demo.parameters(java.util.Map.of("Threshold", "forty"), libraries))
                .hasMessageContaining("'forty' is not a valid Integer");
        assertThatThrownBy(() -> demo.parameters(java.util.Map.of("Enabled", "yes"), libraries))
                .hasMessageContaining("'yes' is not a valid Boolean");
    }

    @Test
    void rangeTagsBoundNumbersOnOneOrBothSidesAndListAllowedStrings() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY.replace("parameter \"Enabled\" Boolean default false", """
                parameter "Enabled" Boolean default false
                // The mode of the demo.
                // @allowed: low | high
                parameter "Mode" String default 'low'
                // @range: 1..
                parameter "Lookback" Integer default 3
                // @range: 0.5..2.5
                parameter "Factor" Decimal default 1.0"""));
        CqlLibraries libraries = demo.libraries();

        assertThat(demo.parameters(java.util.Map.of("Mode", "high", "Lookback", "900", "Factor", "2.5"), libraries)
                .values()).containsEntry("Demo.Mode", "high").containsEntry("Demo.Lookback", 900);
        assertThatThrownBy(() -> demo.parameters(java.util.Map.of("Mode", "medium", "Lookback", "0", "Factor", "2.51"),
                libraries)).hasMessageContaining("3 problems")
                .hasMessageContaining("cds.cql.parameters.Mode=medium: Demo.\"Mode\" (String) must be low, high")
                .hasMessageContaining("cds.cql.parameters.Lookback=0: Demo.\"Lookback\" (Integer) must be ≥ 1")
                .hasMessageContaining("cds.cql.parameters.Factor=2.51: Demo.\"Factor\" (Decimal) must be 0.5–2.5");
    }
}
