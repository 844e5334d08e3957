package org.cqlhooks.invocation;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.Map;
import org.cqlhooks.cards.CardAssembler;
import org.cqlhooks.wire.CdsRequest;
import org.cqlhooks.wire.CdsResponse;
import org.cqlhooks.cql.CqlEvaluator;
import org.cqlhooks.cql.Evaluation;
import org.cqlhooks.cql.LibraryResult;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.ServiceCatalog;
import org.cqlhooks.prefetch.DataCollector;
import org.cqlhooks.prefetch.PatientData;
import org.cqlhooks.security.CallRecord;
import org.cqlhooks.security.TrustedClient;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.springframework.stereotype.Service;

/** One service call: check the request, gather the data, evaluate the CQL, build the cards. */
@Service
public class InvocationService {

    private final ServiceCatalog catalog;
    private final RequestReader reader;
    private final DataCollector data;
    private final CqlEvaluator evaluator;
    private final Clock clock;

    public InvocationService(ServiceCatalog catalog, RequestReader reader, DataCollector data, CqlEvaluator evaluator,
            Clock clock) {
        this.catalog = catalog;
        this.reader = reader;
        this.data = data;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    /** The outcome of a call, with what the call log reports about it. */
    public record Outcome(CdsResponse response, String hookInstance, int fhirCalls) {
    }

    /** A call in development mode (no authenticated client). */
    public Outcome invoke(String serviceId, byte[] body) {
        return invoke(serviceId, body, null, new CallRecord());
    }

    /**
     * A call by {@code caller}, the authenticated CDS client (null in development mode); what the call log reports
     * goes into {@code record} as soon as it is known.
     */
    public Outcome invoke(String serviceId, byte[] body, TrustedClient caller, CallRecord record) {
        CdsService service = catalog.find(serviceId).orElseThrow(() -> new CdsException(CdsError.UNKNOWN_SERVICE,
                "No CDS service '" + serviceId + "'; see /cds-services"));
        CdsRequest request = reader.read(body, service.hook());
        record.hookInstance(request.hookInstance());
        PatientData patient = data.collect(service, request, caller);
        Map<String, LibraryResult> results = evaluator.evaluate(new Evaluation(service.definitionsByLibrary(),
                patient.patientId(), patient.resources(), ZonedDateTime.now(clock)));
        record.fhirCalls(patient.fhirCalls());
        CdsResponse response = CdsResponse.of(CardAssembler.assemble(service.cards(), results));
        record.cards(response.cards().size());
        return new Outcome(response, request.hookInstance(), patient.fhirCalls());
    }
}
