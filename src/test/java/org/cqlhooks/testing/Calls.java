package org.cqlhooks.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cqlhooks.cases.RelativeDates;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The service call the web, HTTP and trust tests send: naltrexone-opioid-safety for a patient on low-dose naltrexone
 * (a MedicationStatement "LDN 4.5 mg capsule", matched on free text) with an active oxycodone order, answered with
 * NTX-OPIOID. Its data is a clinical case like any other ({@link #NTX_CASE}), so the case runner holds it to that card.
 */
public final class Calls {

    public static final String NTX_SERVICE = "/cds-services/naltrexone-opioid-safety";
    public static final String NTX_CASE =
            "naltrexone-opioid-safety/NaltrexoneOpioidSafety.ntx-opioid-true-ldn-statement-with-active-oxycodone-order";
    /** The case's patient; its records are MedicationStatement/ldn and MedicationRequest/oxy. */
    public static final String NTX_PATIENT = "p1";

    private Calls() {
    }

    /** The case's resources (Patient, the LDN statement, the oxycodone order) for {@code patientId}. */
    public static List<IBaseResource> ntxOpioidRecord(String patientId, String patientName) {
        return resources(caseText(patientId, patientName, false));
    }

    /** The same record for another patient, every id but the Patient's ending in "-patientId" (ldn-alice). */
    public static List<IBaseResource> ntxOpioidRecordOf(String patientId) {
        return resources(caseText(patientId, null, true));
    }

    /**
     * A naltrexone-opioid-safety request whose prefetch answers each template of the service with the case's
     * record; {@code patientName}, when not null, goes into the resources' subject display.
     */
    public static ObjectNode naltrexoneWithOpioid(String patientId, String patientName) {
        return withPrefetch(patientId, ntxOpioidRecord(patientId, patientName));
    }

    /** A naltrexone-opioid-safety request whose prefetch answers each template from these resources. */
    public static ObjectNode withPrefetch(String patientId, List<IBaseResource> resources) {
        ObjectNode request = Requests.patientView(patientId);
        ObjectNode prefetch = request.putObject("prefetch");
        ntxTemplates().forEach((key, template) -> prefetch.set(key, tree(Requests.answer(template, resources))));
        return request;
    }

    /** The prefetch templates of naltrexone-opioid-safety as the bundled service file declares them. */
    public static Map<String, String> ntxTemplates() {
        try (InputStream in = Calls.class.getResourceAsStream("/content/hooks/naltrexone-opioid-safety.json")) {
            Map<String, String> templates = new LinkedHashMap<>();
            Requests.JSON.readTree(in).get("prefetch").properties()
                    .forEach(e -> templates.put(e.getKey(), e.getValue().asText()));
            return templates;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String caseText(String patientId, String patientName, boolean suffixIds) {
        String text;
        // The case as the build ships it with the content (ClinicalCase.BUNDLED), read alone.
        try (InputStream in = Calls.class.getResourceAsStream("/content/cases/" + NTX_CASE + "/bundle.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String reference = "\"reference\": \"Patient/" + patientId + "\"";
        if (patientName != null) {
            reference += ", \"display\": " + new TextNode(patientName);
        }
        text = text.replace("\"reference\": \"Patient/" + NTX_PATIENT + "\"", reference)
                .replace("\"id\": \"" + NTX_PATIENT + "\"", "\"id\": \"" + patientId + "\"");
        if (suffixIds) {
            text = text.replace("\"id\": \"ldn\"", "\"id\": \"ldn-" + patientId + "\"")
                    .replace("\"id\": \"oxy\"", "\"id\": \"oxy-" + patientId + "\"");
        }
        return RelativeDates.resolve(text, ZonedDateTime.now(ZoneOffset.UTC));
    }

    private static List<IBaseResource> resources(String bundleJson) {
        Bundle bundle = (Bundle) TestContent.FHIR.newJsonParser().parseResource(bundleJson);
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .map(r -> (IBaseResource) r).toList();
    }

    private static JsonNode tree(IBaseResource resource) {
        try {
            return resource == null ? Requests.JSON.nullNode() : Requests.JSON.readTree(Requests.json(resource));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A searchset of these resources, as a FHIR server answers a search. */
    public static Bundle searchset(List<? extends IBaseResource> resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        resources.forEach(r -> bundle.addEntry().setResource((Resource) r));
        return bundle;
    }

    /** The resources of one type among these. */
    public static List<IBaseResource> ofType(List<IBaseResource> resources, String type) {
        return resources.stream().filter(r -> r.fhirType().equals(type)).toList();
    }
}
