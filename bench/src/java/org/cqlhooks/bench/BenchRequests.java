package org.cqlhooks.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.Synthea;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * The benchmark's requests, all patient-view with prefetch for one service:
 * <ul>
 * <li>small: nine resources (LDN, an opioid, six labs the rules read);
 * <li>Margery as asked: the Synthea patient, each search answered only with what its {@code code=} asks for (her
 * Observations are none of the labs the rules read, so few resources go);
 * <li>Margery, whole record: every resource of hers of the types the service asks for, once each, as a client that
 * answers category-wide or sends a superset would (the call the issue compares with the peer);
 * <li>the same with 5,000 more Observations that no rule reads (copies of hers, new ids).
 * </ul>
 * {@code main} writes them to a folder, for profiling the server by hand ({@link Drive}).
 */
public final class BenchRequests {

    /** Added to the whole record in the last request. */
    static final int IRRELEVANT_OBSERVATIONS = 5000;

    private BenchRequests() {
    }

    /** Name to request body, in the order the report lists them. */
    static Map<String, String> all(CdsService service) {
        List<IBaseResource> margery = Synthea.load(Synthea.MARGERY);
        String patientId = Synthea.patientId(margery);
        List<IBaseResource> small = small(patientId);
        Map<String, String> requests = new LinkedHashMap<>();
        requests.put("small (" + small.size() + " resources)", answered(service, patientId, small, false));
        String asked = answered(service, patientId, margery, false);
        requests.put("Margery as asked (" + resources(asked) + " resources)", asked);
        String whole = answered(service, patientId, margery, true);
        requests.put("Margery, whole record (" + resources(whole) + " resources, " + count(margery, "Observation")
                + " Observations)", whole);
        String more = answered(service, patientId, withCopies(margery, patientId, IRRELEVANT_OBSERVATIONS), true);
        requests.put("whole record + " + IRRELEVANT_OBSERVATIONS + " Observations no rule reads", more);
        return requests;
    }

    /** Margery as asked: the request the no-prefetch comparison mirrors (its keys become the FHIR server's answers). */
    static String margeryAsAsked(CdsService service) {
        List<IBaseResource> margery = Synthea.load(Synthea.MARGERY);
        return answered(service, Synthea.patientId(margery), margery, false);
    }

    static String patientId() {
        return Synthea.patientId(Synthea.load(Synthea.MARGERY));
    }

    /** Writes each request to {@code folder} as 1.json, 2.json ... and prints which is which. */
    public static void main(String[] args) throws Exception {
        String serviceId = System.getProperty("bench.service", "pain-cds-all");
        CdsService service = TestContent.catalog().find(serviceId).orElseThrow();
        Path folder = Path.of(args.length > 0 ? args[0] : "bench/results/requests");
        Files.createDirectories(folder);
        int i = 1;
        for (Map.Entry<String, String> request : all(service).entrySet()) {
            Path file = folder.resolve(i++ + ".json");
            Files.writeString(file, request.getValue());
            System.out.println(file + ": " + request.getKey() + ", " + request.getValue().length() / 1024 + " KB");
        }
    }

    /**
     * The request as prefetch: each search answered with the resources that match its {@code code} and
     * {@code category} parameters, as an EHR would, and every resource of the patient sent at most once. One that no
     * filtered search matches goes under the type's broadest search, if any; with {@code wholeRecord}, under the
     * type's first search otherwise (a client answering category-wide), so the request carries the whole record.
     */
    static String answered(CdsService service, String patientId, List<IBaseResource> resources, boolean wholeRecord) {
        ObjectNode request = Requests.withPrefetch(service, patientId, resources);
        Map<String, ArrayNode> broadest = new HashMap<>();
        Map<String, ArrayNode> first = new HashMap<>();
        Map<String, JsonNode> leftOut = new LinkedHashMap<>();
        Set<String> sent = new HashSet<>();
        service.prefetch().forEach((key, template) -> {
            JsonNode entries = request.path("prefetch").path(key).path("entry");
            if (!entries.isArray()) {
                return;
            }
            String type = template.replaceAll("[/?].*$", "");
            Set<String> codes = searchValues(template, "code");
            Set<String> categories = searchValues(template, "category");
            first.putIfAbsent(type, (ArrayNode) entries);
            if (codes.isEmpty()) {
                broadest.putIfAbsent(type, (ArrayNode) entries);
            }
            Iterator<JsonNode> it = entries.iterator();
            while (it.hasNext()) {
                JsonNode entry = it.next();
                JsonNode resource = entry.path("resource");
                String id = resource.path("resourceType").asText() + "/" + resource.path("id").asText();
                boolean match = matches(resource.path("code"), codes)
                        && anyMatches(resource.path("category"), categories);
                if (match && sent.add(id)) {
                    continue;
                }
                if (!match) {
                    leftOut.putIfAbsent(id, entry);
                }
                it.remove();
            }
        });
        leftOut.forEach((id, entry) -> {
            String type = id.substring(0, id.indexOf('/'));
            ArrayNode target = broadest.containsKey(type) ? broadest.get(type) : wholeRecord ? first.get(type) : null;
            if (target != null && sent.add(id)) {
                target.add(entry);
            }
        });
        request.path("prefetch").forEach(value -> {
            if (value.isObject() && value.has("total")) {
                ((ObjectNode) value).put("total", value.path("entry").size());
            }
        });
        return request.toString();
    }

    private static Set<String> searchValues(String template, String parameter) {
        Set<String> values = new HashSet<>();
        for (String pair : template.replaceAll("^[^?]*\\?", "").split("&")) {
            if (pair.startsWith(parameter + "=")) {
                for (String v : URLDecoder.decode(pair.substring(parameter.length() + 1),
                        StandardCharsets.UTF_8).split(",")) {
                    values.add(v.substring(v.indexOf('|') + 1));
                }
            }
        }
        return values;
    }

    private static boolean anyMatches(JsonNode concepts, Set<String> codes) {
        if (codes.isEmpty()) {
            return true;
        }
        for (JsonNode concept : concepts) {
            if (matches(concept, codes)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(JsonNode concept, Set<String> codes) {
        if (codes.isEmpty()) {
            return true;
        }
        for (JsonNode coding : concept.path("coding")) {
            if (codes.contains(coding.path("code").asText())) {
                return true;
            }
        }
        return false;
    }

    private static int resources(String body) {
        try {
            int n = 0;
            for (JsonNode value : Requests.JSON.readTree(body).path("prefetch")) {
                n += value.has("entry") ? value.path("entry").size() : value.isObject() ? 1 : 0;
            }
            return n;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A small patient: LDN, an opioid, a handful of labs. */
    private static List<IBaseResource> small(String patientId) {
        List<IBaseResource> resources = new ArrayList<>();
        Reference subject = new Reference("Patient/" + patientId);
        resources.add(new Patient().setGender(AdministrativeGender.FEMALE)
                .setBirthDateElement(new DateType("1970-05-01")).setId(patientId));
        resources.add(new MedicationStatement().setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE)
                .setMedication(new CodeableConcept().setText("LDN 4.5 mg")).setSubject(subject).setId("ldn"));
        resources.add(new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                .setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(new CodeableConcept().addCoding(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm",
                        "1049621", "oxycodone hydrochloride 5 MG Oral Tablet"))).setSubject(subject).setId("oxy"));
        String[][] labs = {{"62292-8", "18", "ng/mL"}, {"30522-7", "4.2", "mg/L"}, {"2276-4", "12", "ng/mL"},
            {"3016-3", "6.2", "m[IU]/L"}, {"4537-7", "30", "mm/h"}, {"19123-9", "1.9", "mg/dL"}};
        int i = 0;
        for (String[] lab : labs) {
            resources.add(observation("lab-" + i++, subject, lab[0], new BigDecimal(lab[1]), lab[2], 20));
        }
        return resources;
    }

    /** Margery's record with {@code extra} copies of her Observations (new ids; none is a lab a rule reads). */
    private static List<IBaseResource> withCopies(List<IBaseResource> margery, String patientId, int extra) {
        List<IBaseResource> all = new ArrayList<>(margery);
        List<Observation> source = margery.stream().filter(r -> r instanceof Observation).map(r -> (Observation) r)
                .toList();
        for (int i = 0; i < extra; i++) {
            Observation copy = source.get(i % source.size()).copy();
            copy.setId("syn-" + i);
            copy.setSubject(new Reference("Patient/" + patientId));
            all.add(copy);
        }
        return all;
    }

    private static Observation observation(String id, Reference subject, String loinc, BigDecimal value,
            String unit, int daysAgo) {
        Observation o = new Observation();
        o.setId(id);
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.setCode(new CodeableConcept().addCoding(new Coding("http://loinc.org", loinc, null)));
        o.setSubject(subject);
        o.setEffective(new DateTimeType(Date.from(Instant.now().minus(Duration.ofDays(daysAgo)))));
        o.setValue(new Quantity().setValue(value).setUnit(unit).setSystem("http://unitsofmeasure.org").setCode(unit));
        return o;
    }

    static long count(List<IBaseResource> resources, String type) {
        return resources.stream().filter(r -> r.fhirType().equals(type)).count();
    }
}
