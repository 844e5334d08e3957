package org.cqlhooks.invocation;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.ServiceCatalog;
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
 * One service call: check the request, gather the data, evaluate the CQL, build the cards. What the call log and
 * the metrics report is published as {@link ServiceCallEvent}s; who the caller is stays with the trust layer.
 */
@Service
public class InvocationService {

    private final ServiceCatalog catalog;
    private final RequestReader reader;
    private final DataCollector data;
    private final ServiceEvaluator evaluator;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public InvocationService(ServiceCatalog catalog, RequestReader reader, DataCollector data, ServiceEvaluator evaluator,
            Clock clock, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.reader = reader;
        this.data = data;
        this.evaluator = evaluator;
        this.clock = clock;
        this.events = events;
    }

    /** Answers a call to the service {@code serviceId} with the request {@code body}. */
    public CdsResponse invoke(String serviceId, byte[] body) {
        CdsService service = catalog.find(serviceId).orElseThrow(() -> new CdsException(CdsError.UNKNOWN_SERVICE,
                "No CDS service '" + serviceId + "'; see /cds-services"));
        CdsRequest request = reader.read(body, service.hook());
        events.publishEvent(new ServiceCallEvent.RequestRead(request.hookInstance()));
        PatientData patient = data.collect(service.prefetch(), request);
        events.publishEvent(new ServiceCallEvent.DataCollected(service.id(), patient.prefetched(), patient.fetched()));
        ServiceEvaluator.Evaluated evaluated = evaluator.evaluate(service,
                new PatientResources(patient.patientId(), patient.resources()), ZonedDateTime.now(clock), Map.of());
        CdsResponse response = CdsResponse.of(evaluated.cards());
        events.publishEvent(new ServiceCallEvent.Answered(service.id(), request.hookInstance(), patient.patientId(),
                response.cards(), patient.fhirCalls(), evaluated.failedLibraries()));
        return response;
    }
}
