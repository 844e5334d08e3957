package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.elm.visiting.FunctionalElmVisitor;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.ValueSetTerminology;
import org.cqlhooks.testing.TestContent;
import org.hl7.elm.r1.CodeDef;
import org.hl7.elm.r1.CodeRef;
import org.hl7.elm.r1.CodeSystemDef;
import org.hl7.elm.r1.Element;
import org.hl7.elm.r1.Expression;
import org.hl7.elm.r1.IncludeDef;
import org.hl7.elm.r1.Library;
import org.hl7.elm.r1.Retrieve;
import org.hl7.elm.r1.ToList;
import org.hl7.elm.r1.ValueSetRef;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;
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
    private static final String ALL = "*";

    static Stream<CdsService> services() {
        return TestContent.catalog().all().stream().filter(s -> !s.definition().isComposite());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void theTemplatesAskForWhatTheCqlReads(CdsService service) {
        Map<String, Set<String>> read = codesRead(service);
        Map<String, String> templates = new LinkedHashMap<>();
        service.prefetch().forEach((key, template) -> templates.put(type(template), template));
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
        CqlLibraries libraries = TestContent.libraries();
        Map<String, Set<String>> read = new LinkedHashMap<>();
        for (String name : withIncludes(service.definitionsByLibrary().keySet(), libraries)) {
            Library library = libraries.find(name).orElseThrow().getLibrary();
            List<Retrieve> retrieves = new ArrayList<>();
            FunctionalElmVisitor.<Object, Object>from((Element element, Object context) -> {
                if (element instanceof Retrieve retrieve) {
                    retrieves.add(retrieve);
                }
                return null;
            }).visitLibrary(library, null);
            for (Retrieve retrieve : retrieves) {
                Set<String> codes = read.computeIfAbsent(retrieve.getDataType().getLocalPart(),
                        t -> new LinkedHashSet<>());
                if (retrieve.getCodes() == null) {
                    codes.add(ALL);
                } else {
                    codes.addAll(keys(retrieve.getCodes(), library, libraries));
                }
            }
        }
        return read;
    }

    private static Set<String> keys(Expression codes, Library library, CqlLibraries libraries) {
        ValueSetTerminology terminology = TestContent.terminology();
        if (codes instanceof ValueSetRef ref) {
            Library owner = ref.getLibraryName() == null ? library : included(library, ref.getLibraryName(), libraries);
            String url = owner.getValueSets().getDef().stream().filter(v -> v.getName().equals(ref.getName()))
                    .findFirst().orElseThrow().getId();
            // The ValueSet's codes, through the terminology the engine uses.
            Set<String> keys = new LinkedHashSet<>();
            terminology.expand(new ValueSetInfo().withId(url)).forEach(c -> keys.add(c.getSystem() + "|" + c.getCode()));
            return keys;
        }
        if (codes instanceof CodeRef ref) {
            Library owner = ref.getLibraryName() == null ? library : included(library, ref.getLibraryName(), libraries);
            CodeDef code = owner.getCodes().getDef().stream().filter(c -> c.getName().equals(ref.getName()))
                    .findFirst().orElseThrow();
            String system = owner.getCodeSystems().getDef().stream()
                    .filter(cs -> cs.getName().equals(code.getCodeSystem().getName()))
                    .map(CodeSystemDef::getId).findFirst().orElseThrow();
            return Set.of(system + "|" + code.getId());
        }
        if (codes instanceof ToList list) {
            return keys(list.getOperand(), library, libraries);
        }
        if (codes instanceof org.hl7.elm.r1.List list) {
            Set<String> keys = new LinkedHashSet<>();
            list.getElement().forEach(e -> keys.addAll(keys(e, library, libraries)));
            return keys;
        }
        throw new AssertionError("a retrieve filtered by " + codes.getClass().getSimpleName() + ": teach this test");
    }

    private static Library included(Library library, String alias, CqlLibraries libraries) {
        IncludeDef include = library.getIncludes().getDef().stream()
                .filter(i -> alias.equals(i.getLocalIdentifier())).findFirst().orElseThrow();
        return libraries.find(include.getPath()).orElseThrow().getLibrary();
    }

    /** The service's libraries and, transitively, the content libraries they include (not FHIRHelpers). */
    private static Set<String> withIncludes(Set<String> names, CqlLibraries libraries) {
        Set<String> all = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(names);
        while (!todo.isEmpty()) {
            String name = todo.remove(0);
            CompiledLibrary compiled = libraries.find(name).orElse(null);
            if (compiled == null || !all.add(name) || compiled.getLibrary().getIncludes() == null) {
                continue;
            }
            compiled.getLibrary().getIncludes().getDef().forEach(i -> todo.add(i.getPath()));
        }
        return all;
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
