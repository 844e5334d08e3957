package org.cqlhooks.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.ContentSnapshot;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.cql.CqlEvaluator;
import org.cqlhooks.evaluation.PatientResources;
import org.cqlhooks.evaluation.ServiceEvaluator;
import org.cqlhooks.evaluation.ServiceEvaluator.Evaluated;
import org.cqlhooks.prefetch.PatientData;
import org.cqlhooks.wire.CdsException;
import org.cqlhooks.wire.CdsRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Runs the content's cases as the server would answer them: a bundle case becomes the request an EHR holding the
 * bundle would send (each prefetch template answered from it), a request case is sent as it is; the request is read
 * and its prefetch collected as by the server, the service evaluated (with the case's site parameters), and the
 * answer compared with expected.json ({@link CaseChecks}). The Maven build ({@code ClinicalCasesTest}) and the
 * command line ({@code test}) both run cases through here, so they cannot disagree.
 */
public final class CaseRunner {

    private final ContentSnapshot content;
    private final OfflineCalls calls;
    private final BundleRequest requests;

    /** @param json the mapper requests are read with (the server's, or a plain one) */
    public CaseRunner(ContentSnapshot content, ObjectMapper json) {
        this.content = content;
        this.calls = new OfflineCalls(json, content.fhir());
        this.requests = new BundleRequest(content.fhir());
    }

    /** The case's differences from its expectations, evaluated at {@code t} (its relative dates resolved to it). */
    public CaseResult run(ClinicalCase c, ZonedDateTime t) {
        try {
            return new CaseResult(c, differences(c, t));
        } catch (CdsException | BundleRequest.NotPossible e) {
            return new CaseResult(c, List.of("the request: " + e.getMessage()));
        } catch (ContentException e) {
            return new CaseResult(c, e.problems());
        } catch (RuntimeException e) {
            // A bundle HAPI cannot read, a value the engine cannot handle: the case fails, naming why, in one line.
            return new CaseResult(c, List.of(e.getClass().getSimpleName() + ": " + firstLine(e.getMessage())));
        }
    }

    private List<String> differences(ClinicalCase c, ZonedDateTime t) throws ContentException {
        CdsService service = content.catalog().find(c.service()).orElse(null);
        if (service == null) {
            return List.of("no service '" + c.service() + "' (the case folder's parent names the service)");
        }
        CqlEvaluator evaluator = content.evaluatorWith(c.parameters());
        byte[] request;
        if (c.bundleText() != null) {
            Bundle bundle = (Bundle) content.fhir().newJsonParser().parseResource(c.bundleJson(t));
            List<IBaseResource> resources = requests.entries(bundle);
            String patient = BundleRequest.patient(resources, c.expected().path("patientId").asText(null));
            request = requests.request(service, patient, resources).toString().getBytes(StandardCharsets.UTF_8);
        } else if (c.requestText() != null) {
            request = c.requestJson(t).getBytes(StandardCharsets.UTF_8);
        } else {
            return List.of("the case folder holds neither bundle.json nor request.json");
        }
        CdsRequest read = calls.reader().read(request, service.hook());
        PatientData data = calls.collector().collect(service.prefetch(), read);
        Evaluated evaluated = new ServiceEvaluator(evaluator).evaluate(service,
                new PatientResources(data.patientId(), data.resources()), t, expectedDefinitions(c));
        return CaseChecks.differences(c, evaluated, CaseChecks.references(data.resources()));
    }

    /** The definitions expected.json states values for, by library: evaluated along with the service's own. */
    private static Map<String, Set<String>> expectedDefinitions(ClinicalCase c) {
        Map<String, Set<String>> definitions = new LinkedHashMap<>();
        c.expected().path("definitions").properties().forEach(library -> {
            Set<String> names = definitions.computeIfAbsent(library.getKey(), k -> new LinkedHashSet<>());
            library.getValue().properties().forEach(d -> names.add(d.getKey()));
        });
        return definitions;
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
