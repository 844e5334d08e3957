package org.cqlhooks.cql;

import ca.uhn.fhir.context.FhirContext;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts loading what every set of content stands on as soon as the application starts, before its configuration
 * is read: HAPI's R4 model and the CQL foundation (the FHIR 4.0.1 model information and FHIRHelpers). Neither
 * depends on a setting, so they need not wait for the configuration and {@link ContentPreload}; loaded here they
 * use the second core while Spring Boot's first second runs on one. Whoever needs them waits for them
 * ({@link CqlFoundation#get()}, {@code FhirContext.forR4Cached()}), and a failure is thrown there, with its message,
 * as it would be without this. Once per JVM (tests start many applications). Registered in META-INF/spring.factories.
 */
final class FoundationPreload implements ApplicationListener<ApplicationStartingEvent> {

    private static final AtomicBoolean started = new AtomicBoolean();

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(FoundationPreload::load, "content-foundation");
        thread.setDaemon(true); // a failed start must not wait for it
        thread.start();
    }

    private static void load() {
        try {
            // The CQL foundation first: the translation that waits for it is the longest part of the start.
            CqlFoundation.get();
            FhirContext fhir = FhirContext.forR4Cached();
            // HAPI's model initialisation, and the two types the terminology reads first.
            fhir.getResourceDefinition("ValueSet");
            fhir.getResourceDefinition("CodeSystem");
        } catch (RuntimeException e) {
            // Not loaded: the content loading tries again and fails the start with this problem.
        }
    }
}
