package org.cqlhooks.cases;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.prefetch.PrefetchTemplate;
import org.cqlhooks.wire.Hooks;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A CDS Hooks request made from one patient's resources (a patient Bundle, a test case), as an EHR would send it to
 * a service: the hook's context from the patient, and for each of the service's prefetch templates the answer a FHIR
 * server holding just these resources would give. A template's resource type, {@code _id}, {@code code} (on the
 * {@code code} element) and {@code _include} of medications are applied; other search parameters are not (the CQL
 * filters by status and date itself, so the cards are the same).
 */
public final class BundleRequest {

    /** The user a request made from a bundle names: no real user calls. */
    public static final String USER = "Practitioner/cql-hooks";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirContext fhir;

    public BundleRequest(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** Why a request cannot be made from a bundle (no Patient to name, a hook whose context a bundle lacks). */
    public static class NotPossible extends RuntimeException {
        public NotPossible(String message) {
            super(message);
        }
    }

    /**
     * The Patient the resources are about: {@code patientId} when given, else the only Patient among them.
     *
     * @throws NotPossible when there is no Patient, or several and none was named
     */
    public static String patient(List<IBaseResource> resources, String patientId) {
        if (patientId != null && !patientId.isBlank()) {
            return patientId;
        }
        List<String> patients = resources.stream().filter(r -> r.fhirType().equals("Patient"))
                .map(r -> r.getIdElement().getIdPart()).toList();
        if (patients.size() != 1) {
            throw new NotPossible(patients.isEmpty()
                    ? "the bundle holds no Patient resource: name the patient (--patient <id>)"
                    : "the bundle holds " + patients.size() + " Patients " + patients + ": name one (--patient <id>)");
        }
        return patients.get(0);
    }

    /** The request for {@code service} about the patient {@code patientId}, with every template answered. */
    public ObjectNode request(CdsService service, String patientId, List<IBaseResource> resources) {
        Hooks.Hook hook = Hooks.find(service.hook()).orElseThrow();
        Set<String> missing = new TreeSet<>(hook.required());
        missing.removeAll(Set.of("userId", "patientId"));
        if (!missing.isEmpty()) {
            throw new NotPossible("service " + service.id() + " answers " + service.hook() + ", whose context needs "
                    + String.join(", ", missing) + ", which a patient bundle does not give: send a request instead");
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("hook", service.hook());
        request.put("hookInstance", UUID.randomUUID().toString());
        ObjectNode context = request.putObject("context");
        context.put("userId", USER);
        context.put("patientId", patientId);
        ObjectNode prefetch = request.putObject("prefetch");
        Map<String, String> values = Map.of("userId", USER, "patientId", patientId);
        for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
            Optional<String> query = PrefetchTemplate.fill(template.getValue(), values);
            if (query.isEmpty()) {
                continue; // a token this context has no value for: the EHR could not run the query either
            }
            answer(query.get(), resources).ifPresent(answer -> prefetch.set(template.getKey(), tree(answer)));
        }
        return request;
    }

    /** What a FHIR server holding only {@code resources} answers to the query; empty for a read that finds nothing. */
    Optional<IBaseResource> answer(String query, List<IBaseResource> resources) {
        int mark = query.indexOf('?');
        String path = mark < 0 ? query : query.substring(0, mark);
        if (mark < 0 && path.contains("/")) {
            String type = path.substring(0, path.indexOf('/'));
            String id = path.substring(path.indexOf('/') + 1);
            return resources.stream().filter(r -> r.fhirType().equals(type) && id.equals(r.getIdElement().getIdPart()))
                    .findFirst();
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        Set<String> ids = null;
        Set<String> codes = null;
        boolean medications = false;
        for (String parameter : mark < 0 ? new String[0] : query.substring(mark + 1).split("&")) {
            int eq = parameter.indexOf('=');
            String name = eq < 0 ? parameter : parameter.substring(0, eq);
            String value = eq < 0 ? "" : URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
            switch (name) {
                case "_id" -> ids = Set.of(value.split(","));
                case "code" -> codes = isCodeElement(path) ? Set.of(value.split(",")) : null;
                case "_include" -> medications |= value.endsWith(":medication");
                default -> {
                    // patient, status, date, _count...: not applied (the CQL filters on them itself)
                }
            }
        }
        for (IBaseResource resource : resources) {
            if (resource.fhirType().equals(path) && (ids == null || ids.contains(resource.getIdElement().getIdPart()))
                    && (codes == null || matches(resource, codes))) {
                bundle.addEntry().setResource((Resource) resource).getSearch().setMode(Bundle.SearchEntryMode.MATCH);
            }
        }
        if (medications) {
            resources.stream().filter(r -> r.fhirType().equals("Medication")).forEach(r -> bundle.addEntry()
                    .setResource((Resource) r).getSearch().setMode(Bundle.SearchEntryMode.INCLUDE));
        }
        bundle.setTotal((int) bundle.getEntry().stream()
                .filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).count());
        return Optional.of(bundle);
    }

    /** Whether the type's {@code code} search parameter is its {@code code} element (not a choice or a path). */
    private boolean isCodeElement(String type) {
        try {
            RuntimeSearchParam code = fhir.getResourceDefinition(type).getSearchParam("code");
            return code != null && (type + ".code").equals(code.getPath());
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether a coding of the resource's code matches one of the tokens ({@code system|code} or a bare code). */
    private boolean matches(IBaseResource resource, Set<String> tokens) {
        Set<String> keys = new HashSet<>();
        for (IBase value : fhir.newTerser().getValues(resource, "code")) {
            if (value instanceof CodeableConcept concept) {
                for (Coding coding : concept.getCoding()) {
                    keys.add(coding.getSystem() + "|" + coding.getCode());
                    keys.add(coding.getCode());
                }
            }
        }
        return tokens.stream().anyMatch(keys::contains);
    }

    private JsonNode tree(IBaseResource resource) {
        try {
            return JSON.readTree(fhir.newJsonParser().encodeResourceToString(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The resources of a Bundle of any type (collection, searchset, transaction) as a FHIR server would hold them,
     * OperationOutcomes left out: an entry whose {@code fullUrl} is {@code urn:uuid:x} (a transaction, a Synthea
     * export) is the resource {@code Type/x} when it has no id of its own, and references to it read {@code Type/id}.
     */
    public List<IBaseResource> entries(Bundle bundle) {
        List<IBaseResource> resources = new ArrayList<>();
        Map<String, String> byUrn = new HashMap<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (!entry.hasResource() || entry.getResource().fhirType().equals("OperationOutcome")) {
                continue;
            }
            Resource resource = entry.getResource();
            String fullUrl = entry.getFullUrl();
            if (fullUrl != null && fullUrl.startsWith("urn:uuid:")) {
                // HAPI gives a resource without an id of its own the entry's fullUrl as its id.
                if (!resource.getIdElement().hasIdPart() || resource.getIdElement().getValue().startsWith("urn:")) {
                    resource.setId(fullUrl.substring("urn:uuid:".length()));
                }
                byUrn.put(fullUrl, resource.fhirType() + "/" + resource.getIdElement().getIdPart());
            }
            resources.add(resource);
        }
        if (!byUrn.isEmpty()) {
            for (IBaseResource resource : resources) {
                for (Reference reference : fhir.newTerser().getAllPopulatedChildElementsOfType(resource,
                        Reference.class)) {
                    String target = byUrn.get(reference.getReference());
                    if (target != null) {
                        reference.setReference(target);
                    }
                }
            }
        }
        return resources;
    }
}
