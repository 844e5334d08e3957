package org.cqlhooks.catalog;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.cql.ValueSetTerminology;

/**
 * Prefetch templates for a service whose definition has none, derived from what its libraries read
 * ({@link RetrievesRead}) and written as the bundled services write theirs: one template per resource type, keyed by
 * the type ({@code observation}, {@code medicationRequest}); searches by patient with {@code _count=1000}; a type read
 * only by codes asks for exactly those codes ({@code code=system|code,...}, bare codes when a long list is all of
 * one system, no filter when even that would make the query too long); medication resources whole with their
 * Medication included (their code may sit in the referenced Medication, which {@code code=} does not search); the
 * Patient by {@code _id}, and only when a rule reads it. Dates are not filtered: a 2.0.1 template has no token for
 * "today", and lookbacks count from the evaluation time. A template is never narrower than the CQL.
 */
public final class DerivedPrefetch {

    private static final String PATIENT = "{{context.patientId}}";
    private static final String PAGE = "&_count=1000";
    private static final Set<String> MEDICATION_TYPES = Set.of("MedicationRequest", "MedicationStatement",
            "MedicationDispense", "MedicationAdministration");
    /** Codes written with their system up to this many; past it a list of one system is written as bare codes. */
    static final int MAX_CODES_WITH_SYSTEM = 60;
    /** Beyond this a query risks the URL limits of common servers and proxies: the type is asked for whole. */
    static final int MAX_QUERY_LENGTH = 4000;

    private final CqlLibraries libraries;
    private final ValueSetTerminology terminology;
    private final FhirContext fhir;

    /** The templates, and the types a patient-scoped template cannot ask for (the service must write its own). */
    public record Templates(Map<String, String> templates, List<String> unreachableTypes) {
    }

    public DerivedPrefetch(CqlLibraries libraries, ValueSetTerminology terminology, FhirContext fhir) {
        this.libraries = libraries;
        this.terminology = terminology;
        this.fhir = fhir;
    }

    /** The templates for the libraries named {@code names}. */
    public Templates of(Collection<String> names) {
        RetrievesRead read = RetrievesRead.of(names, libraries, terminology);
        Map<String, String> templates = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        if (read.readsPatient()) {
            templates.put("patient", "Patient?_id=" + PATIENT);
        }
        read.codesByType().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            String type = entry.getKey();
            if (type.equals("Patient") || type.equals("Medication")) {
                return; // the Patient is read above when used; Medications come with the resources naming them
            }
            String search = searchParameter(type);
            if (search == null) {
                unreachable.add(type);
                return;
            }
            String query = type + "?" + search;
            if (MEDICATION_TYPES.contains(type)) {
                query += "&_include=" + type + ":medication";
            } else if (!entry.getValue().contains(RetrievesRead.ALL) && hasCodeSearch(type)) {
                query += codeFilter(entry.getValue(), query.length());
            }
            templates.put(Character.toLowerCase(type.charAt(0)) + type.substring(1), query + PAGE);
        });
        return new Templates(templates, unreachable);
    }

    /** {@code &code=...} for these {@code system|code} keys, or nothing when the list would be too long. */
    private static String codeFilter(Set<String> read, int queryLength) {
        List<String> keys = read.stream().sorted().toList();
        List<String> withSystem = keys.stream().map(DerivedPrefetch::encode).toList();
        String filter = "&code=" + String.join(",", withSystem);
        if (keys.size() <= MAX_CODES_WITH_SYSTEM && queryLength + filter.length() <= MAX_QUERY_LENGTH) {
            return filter;
        }
        // A bare code matches the code in any system: a wider search, never a narrower one.
        if (keys.stream().map(k -> k.substring(0, k.lastIndexOf('|'))).distinct().count() == 1) {
            String bare = "&code=" + String.join(",", keys.stream()
                    .map(k -> URLEncoder.encode(k.substring(k.lastIndexOf('|') + 1), StandardCharsets.UTF_8))
                    .toList());
            if (queryLength + bare.length() <= MAX_QUERY_LENGTH) {
                return bare;
            }
        }
        return "";
    }

    private static String encode(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    /** The search that finds a type's resources by patient ({@code patient=...}), or null when there is none. */
    private String searchParameter(String type) {
        RuntimeResourceDefinition definition = definition(type);
        if (definition == null) {
            return null;
        }
        return definition.getSearchParam("patient") != null ? "patient=" + PATIENT
                : definition.getSearchParam("subject") != null ? "subject=Patient/" + PATIENT : null;
    }

    private boolean hasCodeSearch(String type) {
        RuntimeResourceDefinition definition = definition(type);
        return definition != null && definition.getSearchParam("code") != null;
    }

    private RuntimeResourceDefinition definition(String type) {
        try {
            return fhir.getResourceDefinition(type);
        } catch (RuntimeException e) {
            return null; // not a FHIR R4 resource type
        }
    }
}
