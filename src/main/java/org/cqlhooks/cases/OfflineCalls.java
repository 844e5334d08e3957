package org.cqlhooks.cases;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.cqlhooks.invocation.RequestReader;
import org.cqlhooks.prefetch.DataCollector;
import org.cqlhooks.prefetch.FetchListener;
import org.cqlhooks.prefetch.FhirClientProperties;
import org.cqlhooks.prefetch.FhirFetcher;
import org.cqlhooks.prefetch.FhirServerPolicy;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.util.unit.DataSize;

/**
 * The request reader and data collector of a service call, for calls answered offline (the command line, the case
 * runner): the same checks of the request and the same reading of its prefetch as the server, with the default
 * limits; a prefetch key left to be fetched is unobtainable, because no FHIR server is ever called.
 */
public final class OfflineCalls {

    /** Refuses every fetch: what prefetch does not carry cannot be had offline. */
    static final FhirServerPolicy NO_FHIR_SERVER = fhirServer -> {
        throw new CdsException(CdsError.DATA_UNOBTAINABLE, "the request leaves prefetch to be fetched from "
                + fhirServer + ", and an offline evaluation calls no FHIR server: put every prefetch key in the "
                + "request, or give a patient bundle");
    };

    private final RequestReader reader;
    private final DataCollector collector;

    public OfflineCalls(ObjectMapper mapper, FhirContext fhir) {
        FhirClientProperties settings = new FhirClientProperties(Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(5), 1000, 20_000, DataSize.ofMegabytes(20), 1);
        this.reader = new RequestReader(mapper);
        // No FHIR server is called, so no fetch is told to any listener.
        FhirFetcher fetcher = new FhirFetcher(fhir, settings,
                new DefaultListableBeanFactory().getBeanProvider(FetchListener.class));
        this.collector = new DataCollector(fhir, fetcher, settings, NO_FHIR_SERVER);
    }

    public RequestReader reader() {
        return reader;
    }

    public DataCollector collector() {
        return collector;
    }
}
