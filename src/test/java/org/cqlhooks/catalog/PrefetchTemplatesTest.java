package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service's prefetch templates ask for what its CQL reads and nothing more: for every resource type the CQL
 * retrieves, one template; a retrieve by ValueSet or code becomes a {@code code=} list with exactly those codes (a
 * bare code, without its system, stands for that code in the ValueSet's system: the urine screen list is written so
 * to stay well under common URL limits); a retrieve without codes, and every medication resource (whose codes may sit
 * in a referenced Medication, which {@code code=} does not search), a query without {@code code=}. Every search asks
 * for large pages ({@code _count}). The CQL is read from its compiled ELM, so a template cannot drift from it. The
 * Patient (every library's context) is asked for only where a rule uses it; Medications come by {@code _include}.
 */
class PrefetchTemplatesTest {

    /** Resource types whose medication may be a reference: a code filter would miss those. */
    private static final Set<String> MEDICATION_TYPES = Set.of("MedicationRequest", "MedicationStatement",
            "MedicationDispense", "MedicationAdministration");
    private static final String ALL = RetrievesRead.ALL;

    static Stream<CdsService> services() {
        return TestContent.catalog().all().stream().filter(s -> !s.definition().isComposite());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theTemplatesAskForWhatTheCqlReads(CdsService service) {
        assertAskForWhatTheCqlReads(service, service.prefetch());
    }

    /**
     * The templates the server would derive for the service if its definition had none pass the same check, and
     * ask for the Patient exactly when a rule reads it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theDerivedTemplatesAskForWhatTheCqlReads(CdsService service) {
        Map<String, String> derived = new DerivedPrefetch(TestContent.libraries(), TestContent.terminology(),
                TestContent.FHIR).of(service.definition().libraries()).templates();
        assertAskForWhatTheCqlReads(service, derived);
        boolean readsPatient = RetrievesRead.of(service.definition().libraries(), TestContent.libraries(),
                TestContent.terminology()).readsPatient();
        assertThat(derived.containsKey("patient")).as("%s asks for the Patient", service.id()).isEqualTo(readsPatient);
    }

    private static void assertAskForWhatTheCqlReads(CdsService service, Map<String, String> prefetch) {
        Map<String, Set<String>> read = codesRead(service);
        Map<String, String> templates = new LinkedHashMap<>();
        prefetch.forEach((key, template) -> templates.put(type(template), template));
        // Every library reads its Patient (context Patient); a service asks for it when its rules use it.
        read.remove("Patient");
        templates.remove("Patient");
        // Medications come with the resources that name them.
        if (read.remove("Medication") != null) {
            assertThat(templates.values()).as("%s: Medications are included", service.id())
                    .anyMatch(t -> t.contains(":medication"));
        }
        assertThat(templates.keySet()).as("%s: one template per type its CQL reads", service.id())
                .containsExactlyInAnyOrderElementsOf(read.keySet());
        templates.forEach((type, template) -> {
            String what = service.id() + " " + type;
            Set<String> asked = codes(template);
            if (template.contains("?") && !template.contains("_id=")) {
                assertThat(template).as("%s asks for large pages", what).contains("_count=");
            }
            if (read.get(type).contains(ALL) || MEDICATION_TYPES.contains(type)) {
                assertThat(asked).as("%s: no code filter (the CQL reads every one, or codes may be in a Medication)",
                        what).isEmpty();
            } else {
                assertThat(normalised(asked, read.get(type))).as("%s: the codes the CQL reads", what)
                        .isEqualTo(read.get(type));
            }
        });
    }

    /** Resource type to the system|code keys its retrieves read in the service's libraries ("*" for all). */
    private static Map<String, Set<String>> codesRead(CdsService service) {
        return new LinkedHashMap<>(RetrievesRead.of(service.definitionsByLibrary().keySet(), TestContent.libraries(),
                TestContent.terminology()).codesByType());
    }

    private static String type(String template) {
        return template.replaceAll("[/?].*$", "");
    }

    /** The {@code code=} values of a template, decoded: system|code, or a bare code. */
    private static Set<String> codes(String template) {
        Set<String> codes = new LinkedHashSet<>();
        int query = template.indexOf('?');
        if (query < 0) {
            return codes;
        }
        for (String parameter : template.substring(query + 1).split("&")) {
            if (parameter.startsWith("code=")) {
                for (String code : parameter.substring(5).split(",")) {
                    codes.add(URLDecoder.decode(code, StandardCharsets.UTF_8));
                }
            }
        }
        return codes;
    }

    /** Bare codes read as the system|code keys of the CQL with that code (there is exactly one each). */
    private static Set<String> normalised(Set<String> asked, Set<String> read) {
        Set<String> keys = new HashSet<>();
        for (String code : asked) {
            if (code.contains("|")) {
                keys.add(code);
            } else {
                List<String> matching = read.stream().filter(k -> k.endsWith("|" + code)).toList();
                assertThat(matching).as("bare code %s stands for one code the CQL reads", code).hasSizeLessThan(2);
                keys.add(matching.isEmpty() ? "?|" + code : matching.get(0));
            }
        }
        return keys;
    }
}
