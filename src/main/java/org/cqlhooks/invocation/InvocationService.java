package org.cqlhooks.invocation;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.ContentSnapshot;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.evaluation.PatientResources;
import org.cqlhooks.evaluation.ServiceEvaluator;
import org.cqlhooks.prefetch.DataCollector;
import org.cqlhooks.prefetch.PatientData;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.cqlhooks.wire.CdsRequest;
import org.cqlhooks.wire.CdsResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * One service call: check the request, gather the data, evaluate the CQL, build the cards. The call takes the
 * content serving when it starts and finishes on it, even if a reload replaces it meanwhile. What the call log and
 * the metrics report is published as {@link ServiceCallEvent}s; who the caller is stays with the trust layer.
 */
@Service
public class InvocationService {

    private final LiveContent content;
    private final RequestReader reader;
    private final DataCollector data;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public InvocationService(LiveContent content, RequestReader reader, DataCollector data, Clock clock,
            ApplicationEventPublisher events) {
        this.content = content;
        this.reader = reader;
        this.data = data;
        this.clock = clock;
        this.events = events;
    }

    /** Answers a call to the service {@code serviceId} with the request {@code body}. */
    public CdsResponse invoke(String serviceId, byte[] body) {
        ContentSnapshot snapshot = content.current();
        CdsService service = snapshot.catalog().find(serviceId).orElseThrow(() -> new CdsException(
                CdsError.UNKNOWN_SERVICE, "No CDS service '" + serviceId + "'; see /cds-services"));
        CdsRequest request = reader.read(body, service);
        events.publishEvent(new ServiceCallEvent.RequestRead(service.id(), request.hookInstance(),
                request.skippedResources()));
        PatientData patient = data.collect(service.prefetch(), request);
        events.publishEvent(new ServiceCallEvent.DataCollected(service.id(), patient.prefetched(), patient.fetched()));
        ServiceEvaluator.Evaluated evaluated = new ServiceEvaluator(snapshot.evaluator()).evaluate(service,
                new PatientResources(patient.patientId(), patient.resources()), ZonedDateTime.now(clock), Map.of());
        CdsResponse response = CdsResponse.of(evaluated.cards());
        events.publishEvent(new ServiceCallEvent.Answered(service.id(), request.hookInstance(), patient.patientId(),
                response.cards(), patient.fhirCalls(), evaluated.failedLibraries()));
        return response;
    }
}
