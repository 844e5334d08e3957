package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cqlhooks.catalog.DemoContent.LIBRARY;
import static org.cqlhooks.catalog.DemoContent.SERVICE;
import static org.cqlhooks.catalog.DemoContent.DEFAULT_REASONS;
import static org.cqlhooks.catalog.DemoContent.REASONS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.knowledge.ContentPackages;
import org.cqlhooks.wire.Coding;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a service's cards come from and what they offer: a family's card file (in hooks/cards/ or a location of its
 * own) gives its cards to every service running the library, each card offers the default override reasons, its own
 * or none, and a broken card file or reason stops the start naming the file and the field.
 */
class CardFileChecksTest {

    @TempDir
    Path dir;
    private DemoContent demo;

    @BeforeEach
    void layout() throws IOException {
        demo = new DemoContent(dir);
    }

    @Test
    void aCardOffersTheDefaultOverrideReasonsItsOwnOrNone() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY);
        demo.write("hooks/demo.json", SERVICE);
        assertThat(demo.catalog().find("demo").orElseThrow().cards().get(0).overrideReasons())
                .isEqualTo(DEFAULT_REASONS);

        demo.write("hooks/demo.json", SERVICE.replace("\"evidence\":", """
                "overrideReasons":[{"system":"http://example.org/own","code":"stopped","display":"Stopped"}],
                "evidence":"""));
        assertThat(demo.catalog().find("demo").orElseThrow().cards().get(0).overrideReasons())
                .containsExactly(new Coding("http://example.org/own", "stopped", "Stopped"));

        demo.write("hooks/demo.json", SERVICE.replace("\"evidence\":", "\"overrideReasons\":[],\"evidence\":"));
        assertThat(demo.catalog().find("demo").orElseThrow().cards().get(0).overrideReasons()).isEmpty();
    }

    @Test
    void brokenOverrideReasonsStopTheStartNamingTheField() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY);
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
            demo.write("hooks/demo.json", SERVICE.replace("\"evidence\":", "\"overrideReasons\":[" + c[0] + "],\"evidence\":"));
            assertThatThrownBy(demo::catalog).as(c[1]).isInstanceOf(ContentException.class)
                    .hasMessageContaining(c[1]);
        }
        demo.write("hooks/demo.json", SERVICE);
        assertThat(new ServiceCatalog(demo.content(), new CardProperties(List.of(new Coding(REASONS, "known", " "))),
                demo.resolver(), demo.libraries(), ContentPackages.none()).problems())
                .containsExactly("configuration: cds.cards.override-reasons[0].display: required (2.0.1: the service "
                        + "MUST populate a display for each override reason), at most 255 characters");
    }

    @Test
    void aFamilysCardFileGivesItsCardsToEveryServiceRunningTheLibrary() throws IOException {
        demo.write("cql/Demo.cql", LIBRARY);
        String service = SERVICE.substring(0, SERVICE.indexOf(",\n \"cards\"")) + "}";
        String cards = "{\"library\":\"Demo\",\"cards\":" + SERVICE.substring(SERVICE.indexOf("[{\"id\":\"DEMO\""),
                SERVICE.lastIndexOf('}')) + "}";
        Files.createDirectories(demo.dir().resolve("hooks/cards"));
        demo.write("hooks/demo.json", service);
        demo.write("hooks/second.json", service.replace("\"id\":\"demo\"", "\"id\":\"second\""));
        demo.write("hooks/cards/Demo.json", cards);
        ServiceCatalog catalog = demo.catalog();
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
            demo.write("hooks/cards/Demo.json", cards.replace(c[0], c[1]));
            assertThatThrownBy(demo::catalog).as(c[2]).isInstanceOf(ContentException.class)
                    .hasMessageContaining(c[2]);
        }
        // The same problem of a card file read by two services is reported once.
        demo.write("hooks/cards/Demo.json", cards.replace("\"when\":\"Fires\"", "\"when\":\"Nope\""));
        assertThat(new ServiceCatalog(demo.content(), demo.resolver(), demo.libraries()).problems()).hasSize(1);

        demo.write("hooks/cards/Demo.json", cards);
        demo.write("hooks/demo.json", SERVICE);
        assertThatThrownBy(demo::catalog).hasMessageContaining(
                "hooks/cards/Demo.json: cards[0].id: card ID 'DEMO' appears twice in service 'demo'");
        demo.write("hooks/demo.json", service);
        demo.write("hooks/cards/Unused.json", cards.replace("\"library\":\"Demo\"", "\"library\":\"Unused\""));
        demo.write("cql/Unused.cql", LIBRARY.replace("library Demo", "library Unused"));
        assertThatThrownBy(demo::catalog).hasMessageContaining(
                "hooks/cards/Unused.json: no service in hooks/ runs library 'Unused'");
    }

    @Test
    void cardFilesCanLiveOutsideTheHooksFolder() throws IOException {
        // As on Kubernetes, where a ConfigMap is flat and the card files are a ConfigMap of their own.
        demo.write("cql/Demo.cql", LIBRARY);
        demo.write("hooks/demo.json", SERVICE.substring(0, SERVICE.indexOf(",\n \"cards\"")) + "}");
        Files.createDirectories(demo.dir().resolve("cards"));
        demo.write("cards/Demo.json", "{\"library\":\"Demo\",\"cards\":" + SERVICE.substring(
                SERVICE.indexOf("[{\"id\":\"DEMO\""), SERVICE.lastIndexOf('}')) + "}");
        ContentProperties separate = new ContentProperties(demo.content().cql(), demo.content().hooks(),
                demo.content().fhirResources(), null, "file:" + demo.dir().resolve("cards") + "/", null);
        assertThat(demo.content().cards()).isEqualTo(demo.content().hooks() + "cards/");

        ServiceCatalog catalog = new ServiceCatalog(separate, new CardProperties(DEFAULT_REASONS), demo.resolver(),
                demo.libraries(), ContentPackages.none());
        assertThat(catalog.problems()).isEmpty();
        assertThat(catalog.find("demo").orElseThrow().cards()).extracting(c -> c.id()).containsExactly("DEMO");
        // Without the location the service has no card, which stops the start.
        assertThatThrownBy(demo::catalog).hasMessageContaining("declare at least one card");
    }
}
