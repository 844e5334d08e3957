package org.cqlhooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cqlhooks.knowledge.DataRequirements.CodeFilter;
import org.cqlhooks.knowledge.DataRequirements.Requirement;
import org.opencds.cqf.cql.engine.runtime.Code;

/**
 * Prefetch templates from data requirements, one per resource type, written the way the own services write them:
 * the Patient read by {@code _id}; medications with their Medication included; other types searched by patient,
 * with the codes of their ValueSets when every requirement of the type filters on {@code code} and the list stays
 * short. Dropping a filter only fetches more; the CQL still filters, so a template is never narrower than the
 * logic.
 */
final class PrefetchTemplates {

    private static final String PATIENT = "{{context.patientId}}";
    private static final Set<String> MEDICATIONS = Set.of("MedicationRequest", "MedicationStatement",
            "MedicationDispense", "MedicationAdministration");
    /** Beyond this many codes a query risks URL length limits; the type is then fetched without a code filter. */
    static final int MAX_CODES = 60;

    private PrefetchTemplates() {
    }

    static Map<String, String> of(List<Requirement> requirements, Map<String, List<Code>> valueSets,
            FhirContext fhir) {
        Map<String, List<Requirement>> byType = new LinkedHashMap<>();
        requirements.forEach(r -> byType.computeIfAbsent(r.type(), t -> new ArrayList<>()).add(r));
        Map<String, String> templates = new LinkedHashMap<>();
        byType.forEach((type, ofType) -> template(type, ofType, valueSets, fhir)
                .ifPresent(t -> templates.put(Character.toLowerCase(type.charAt(0)) + type.substring(1), t)));
        return templates;
    }

    private static Optional<String> template(String type, List<Requirement> ofType,
            Map<String, List<Code>> valueSets, FhirContext fhir) {
        if (type.equals("Patient")) {
            return Optional.of("Patient?_id=" + PATIENT);
        }
        RuntimeResourceDefinition definition;
        try {
            definition = fhir.getResourceDefinition(type);
        } catch (RuntimeException e) {
            return Optional.empty(); // not a resource type (a data type or a model-specific type)
        }
        String patient = definition.getSearchParam("patient") != null ? "patient"
                : definition.getSearchParam("subject") != null ? "subject" : null;
        if (patient == null) {
            return Optional.empty(); // not fetched by patient (e.g. Medication: included with its request)
        }
        String query = type + "?" + patient + "=" + PATIENT;
        if (MEDICATIONS.contains(type)) {
            return Optional.of(query + "&_include=" + type + ":medication");
        }
        Set<String> codes = definition.getSearchParam("code") == null ? null : codes(ofType, valueSets);
        return Optional.of(codes == null ? query : query + "&code=" + String.join(",", codes));
    }

    /** The union of the code filters' codes, encoded, or null when any requirement cannot be narrowed by code. */
    private static Set<String> codes(List<Requirement> ofType, Map<String, List<Code>> valueSets) {
        Set<String> codes = new LinkedHashSet<>();
        for (Requirement requirement : ofType) {
            CodeFilter filter = requirement.codeFilters().stream().filter(f -> "code".equals(f.path()))
                    .findFirst().orElse(null);
            if (filter == null) {
                return null;
            }
            if (filter.valueSet() != null) {
                List<Code> expansion = valueSets.get(filter.valueSet());
                if (expansion == null) {
                    return null;
                }
                expansion.forEach(c -> codes.add(token(c.getSystem(), c.getCode())));
            }
            filter.codes().forEach(c -> codes.add(token(c[0], c[1])));
        }
        return codes.isEmpty() || codes.size() > MAX_CODES ? null : codes;
    }

    private static String token(String system, String code) {
        String encodedCode = URLEncoder.encode(code, StandardCharsets.UTF_8);
        return system == null ? encodedCode : URLEncoder.encode(system + "|", StandardCharsets.UTF_8) + encodedCode;
    }
}
