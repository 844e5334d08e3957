package org.cqlhooks.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.api.Test;

/**
 * A rule family is found by one name, its CQL library's: {@code cql/<Library>.cql}, {@code hooks/cards/<Library>.json},
 * and the folders {@code fhir-resources/valuesets/<Library>/}, {@code fhir-resources/patients/<Library>/},
 * {@code hooks/examples/<Library>/} and the case folders {@code src/test/resources/cases/<service>/<Library>.<case>/}
 * (a case about the whole service has no family name). Each file sits in the folder of a family it belongs to.
 */
class FamilyLayoutTest {

    private static final Pattern VALUESET = Pattern.compile("(?m)^valueset \"[^\"]+\": '([^']+)'");
    private static final Pattern FAMILY_CASE = Pattern.compile("([A-Z][A-Za-z0-9]*)\\.(.+)");

    /** Family library to the card IDs of its card file. */
    private static Map<String, Set<String>> families() {
        Map<String, Set<String>> families = new HashMap<>();
        TestContent.catalog().all().stream().filter(s -> !s.definition().isComposite())
                .flatMap(s -> s.definition().cards().stream())
                .forEach(card -> families.computeIfAbsent(card.library(), l -> new TreeSet<>()).add(card.id()));
        return families;
    }

    @Test
    void everyFamilyHasItsLibraryAndItsCardFile() {
        Map<String, Set<String>> families = families();
        assertThat(families).hasSizeGreaterThanOrEqualTo(12);
        families.keySet().forEach(library -> {
            assertThat(Path.of("cql", library + ".cql")).as("CQL of family %s", library).exists();
            assertThat(Path.of("hooks/cards", library + ".json")).as("cards of family %s", library).exists();
        });
    }

    @Test
    void eachValueSetSitsInTheFolderOfAFamilyThatDeclaresIt() throws IOException {
        Map<String, Set<String>> declaredBy = new HashMap<>();
        for (String library : families().keySet()) {
            Matcher m = VALUESET.matcher(Files.readString(Path.of("cql", library + ".cql")));
            while (m.find()) {
                declaredBy.computeIfAbsent(m.group(1), u -> new TreeSet<>()).add(library);
            }
        }
        Path root = Path.of("fhir-resources/valuesets");
        for (Path file : json(root)) {
            String folder = root.relativize(file).getName(0).toString();
            String url = read(file).path("url").asText();
            assertThat(families()).as("%s: folder %s is a family", file, folder).containsKey(folder);
            if (declaredBy.containsKey(url)) {
                assertThat(declaredBy.get(url)).as("%s: a family that declares %s", file, url).contains(folder);
            }
        }
        declaredBy.keySet().forEach(url -> assertThat(json(root).stream().map(FamilyLayoutTest::read)
                .anyMatch(v -> v.path("url").asText().equals(url))).as("ValueSet %s is bundled", url).isTrue());
    }

    @Test
    void eachSamplePatientAndExampleSitsInTheFolderOfItsCardsFamily() {
        Map<String, Set<String>> families = families();
        for (Path file : json(Path.of("fhir-resources/patients"))) {
            String card = file.getFileName().toString().replace(".json", "").toUpperCase();
            assertThat(families.get(file.getParent().getFileName().toString())).as("%s shows a card of its folder",
                    file).contains(card);
        }
        for (Path file : json(Path.of("hooks/examples"))) {
            String card = read(file).at("/extension/org.cqlhooks.example/card").asText();
            assertThat(families.get(file.getParent().getFileName().toString())).as("%s shows a card of its folder",
                    file).contains(card);
        }
    }

    @Test
    void eachCaseFolderNamesAFamilyItsServiceRuns() {
        List<ClinicalCase> cases = ClinicalCase.all().toList();
        assertThat(cases).hasSizeGreaterThan(300);
        for (ClinicalCase c : cases) {
            Matcher m = FAMILY_CASE.matcher(c.name());
            if (m.matches()) {
                CdsService service = TestContent.catalog().find(c.service()).orElseThrow();
                assertThat(service.definition().libraries()).as("%s: family %s is run by %s", c, m.group(1),
                        c.service()).contains(m.group(1));
                assertThat(m.group(2)).as("%s: named for its outcome", c).matches("[a-z0-9].*-(true|false)-.+");
            } else {
                assertThat(c.name()).as("%s: a service-wide case, without a family name", c).matches("[a-z][A-Za-z0-9.-]+");
            }
        }
    }

    private static List<Path> json(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Requests.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
