package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cqlhooks.cql.DataRequirements;
import org.cqlhooks.prefetch.PrefetchReader;
import org.cqlhooks.prefetch.ReadSet;
import org.cqlhooks.testing.ElmRetrieves;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A resource a rule reads is never left unread. For every bundled library, and for every service as the catalogue
 * built it: each retrieve of the library (and of the libraries it includes), read from the compiled ELM, is answered
 * with a resource of its type for every code it filters by, at its code path, as an EHR would send it (HAPI's JSON in
 * a searchset), and one resource of the type when it reads every one; every such resource is kept. What no rule reads
 * is left out, so the check is not empty.
 */
class ReadSetsTest {

    private static final FhirContext FHIR = TestContent.FHIR;
    private static final ObjectMapper JSON = PrefetchReader.treeMapper(new ObjectMapper());
    private static final String LOINC = "http://loinc.org";

    static Stream<String> libraries() {
        return TestContent.libraries().all().keySet().stream().sorted();
    }

    static Stream<CdsService> services() {
        return TestContent.catalog().all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libraries")
    void everyLibraryKeepsWhatItsRetrievesRead(String library) throws IOException {
        ReadSet reads = new ReadSets(new DataRequirements(TestContent.libraries(), TestContent.terminology()))
                .of(Set.of(library));
        List<Resource> resources = readByRetrievesOf(Set.of(library));
        assertThat(kept(resources, reads)).as("resources %s reads", library)
                .containsExactlyElementsOf(ids(resources));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("services")
    void everyServiceKeepsWhatItsLibrariesRead(CdsService service) throws IOException {
        assertThat(service.reads().everything()).as("%s has its reads from its CQL", service.id()).isFalse();
        List<Resource> resources = readByRetrievesOf(service.definitionsByLibrary().keySet());
        assertThat(resources).isNotEmpty();
        assertThat(kept(resources, service.reads())).as("resources %s reads", service.id())
                .containsExactlyElementsOf(ids(resources));
    }

    @Test
    void whatNoRuleReadsIsLeftOut() throws IOException {
        CdsService all = TestContent.catalog().find("pain-cds-all").orElseThrow();
        Observation glucose = new Observation().setCode(concept(LOINC, "2339-0"));
        glucose.setId("glucose");
        Condition hypertension = new Condition().setCode(concept("http://snomed.info/sct", "38341003"));
        hypertension.setId("hypertension");
        org.hl7.fhir.r4.model.Encounter visit = new org.hl7.fhir.r4.model.Encounter();
        visit.setId("visit");
        Observation ferritin = new Observation().setCode(concept(LOINC, "2276-4"));
        ferritin.setId("ferritin");
        assertThat(kept(List.of(glucose, hypertension, visit, ferritin), all.reads())).containsExactly("ferritin");
    }

    @Test
    void aServiceThatReadsMedicationOrdersKeepsEveryMedication() throws IOException {
        CdsService naltrexone = TestContent.catalog().find("naltrexone-opioid-safety").orElseThrow();
        Medication unrelated = new Medication().setCode(concept("http://www.nlm.nih.gov/research/umls/rxnorm", "1"));
        unrelated.setId("m1");
        MedicationRequest order = new MedicationRequest().setMedication(new Reference("Medication/m1"));
        order.setId("order");
        assertThat(kept(List.of(unrelated, order), naltrexone.reads())).containsExactly("m1", "order");
        CdsService labs = TestContent.catalog().find("pain-lab-panel").orElseThrow();
        assertThat(kept(List.of(unrelated, order), labs.reads())).isEmpty();
    }

    /** A resource for every code of every retrieve of the libraries and those they include. */
    private static List<Resource> readByRetrievesOf(Set<String> libraries) {
        List<Resource> resources = new ArrayList<>();
        for (String library : ElmRetrieves.withIncludes(libraries)) {
            for (ElmRetrieves.Read retrieve : ElmRetrieves.of(library)) {
                if (retrieve.everyResource()) {
                    resources.add(resource(retrieve.type(), resources.size()));
                    continue;
                }
                for (String key : retrieve.codes()) {
                    Resource resource = resource(retrieve.type(), resources.size());
                    String[] code = key.split("\\|", 2);
                    set(resource, retrieve.codePath(), concept(code[0], code[1]));
                    resources.add(resource);
                }
            }
        }
        return resources;
    }

    private static Resource resource(String type, int n) {
        Resource resource = (Resource) FHIR.getResourceDefinition(type).newInstance();
        resource.setId(type.toLowerCase() + "-" + n);
        return resource;
    }

    /** The code path as a FHIR element: {@code code}, or a choice such as {@code medication[x]}. */
    private static void set(Resource resource, String path, CodeableConcept value) {
        try {
            ((Base) resource).setProperty(path, value);
        } catch (FHIRException notThisName) {
            ((Base) resource).setProperty(path + "[x]", value);
        }
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept().addCoding(new Coding(system, code, null));
    }

    private static List<String> ids(List<Resource> resources) {
        return resources.stream().map(r -> r.getIdElement().getIdPart()).toList();
    }

    /** The ids of the resources a searchset of them keeps when read for {@code reads}. */
    private static List<String> kept(List<? extends Resource> resources, ReadSet reads) throws IOException {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        resources.forEach(r -> bundle.addEntry().setResource(r));
        byte[] body = ("{\"prefetch\":{\"key\":" + FHIR.newJsonParser().encodeResourceToString(bundle) + "}}")
                .getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = JSON.createParser(body)) {
            parser.nextToken();
            parser.nextToken();
            parser.nextToken();
            PrefetchReader.Read read = PrefetchReader.read(parser, body, JSON, Set.of("key"), reads);
            List<String> ids = new ArrayList<>();
            read.prefetch().path("key").path("entry").forEach(e -> ids.add(e.path("resource").path("id").asText()));
            assertThat(read.skipped()).isEqualTo(resources.size() - ids.size());
            return ids;
        }
    }
}
