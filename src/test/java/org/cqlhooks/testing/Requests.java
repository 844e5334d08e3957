package org.cqlhooks.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqlhooks.catalog.CdsService;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Builds CDS Hooks requests for tests: a patient-view request whose prefetch answers each of a service's templates
 * the way an EHR would (a read gets the resource, a search a searchset Bundle of that type).
 */
public final class Requests {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Requests() {
    }

    /** A patient-view request without prefetch. */
    public static ObjectNode patientView(String patientId) {
        ObjectNode request = JSON.createObjectNode();
        request.put("hookInstance", UUID.randomUUID().toString());
        request.put("hook", "patient-view");
        ObjectNode context = request.putObject("context");
        context.put("userId", "Practitioner/example");
        context.put("patientId", patientId);
        return request;
    }

    /** A patient-view request whose prefetch holds the patient's resources for every template of the service. */
    public static ObjectNode withPrefetch(CdsService service, String patientId, List<IBaseResource> resources) {
        ObjectNode request = patientView(patientId);
        ObjectNode prefetch = request.putObject("prefetch");
        for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
            prefetch.set(template.getKey(), tree(answer(template.getValue(), resources)));
        }
        return request;
    }

    /**
     * The request with {@code fhirServer} and a {@code fhirAuthorization} carrying every member 2.0.1 requires, the
     * access token given: the server fetches what prefetch lacks from there, with that bearer token.
     */
    public static ObjectNode withFhirServer(ObjectNode request, String fhirServer, String accessToken) {
        request.put("fhirServer", fhirServer);
        request.putObject("fhirAuthorization").put("access_token", accessToken).put("token_type", "Bearer")
                .put("expires_in", 300).put("scope", "user/*.read").put("subject", "cql-hooks");
        return request;
    }

    /** What a FHIR server would answer to the template: the resource for a read, a searchset for a search. */
    public static IBaseResource answer(String template, List<IBaseResource> resources) {
        String type = template.replaceAll("[/?].*$", "");
        if (!template.contains("?")) {
            return resources.stream().filter(r -> r.fhirType().equals(type)).findFirst().orElse(null);
        }
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        resources.stream().filter(r -> r.fhirType().equals(type)
                        || (template.contains(":medication") && r.fhirType().equals("Medication")))
                .forEach(r -> bundle.addEntry().setResource((Resource) r));
        bundle.setTotal(bundle.getEntry().size());
        return bundle;
    }

    public static String json(IBaseResource resource) {
        return TestContent.FHIR.newJsonParser().encodeResourceToString(resource);
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(IBaseResource resource) {
        if (resource == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
