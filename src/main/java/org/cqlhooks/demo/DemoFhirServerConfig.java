package org.cqlhooks.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.api.BundleInclusionRule;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.FifoMemoryPagingProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The embedded FHIR R4 server at {@code /fhir}: HAPI's plain {@link RestfulServer} as a servlet, read-only, over the
 * sample patients held in memory. Searches are paged by HAPI's paging provider ({@code _count}, {@code next} links
 * that the server itself follows when it fetches from here).
 */
@Configuration(proxyBeanMethods = false)
@OnDemo
class DemoFhirServerConfig {

    private static final Logger log = LoggerFactory.getLogger(DemoFhirServerConfig.class);
    /** Searches kept for paging at once; the oldest is dropped first (its next link then answers 410). */
    private static final int KEPT_SEARCHES = 200;
    private static final Set<String> OWN_PROVIDERS = Set.of("Patient", "Observation", "Condition", "MedicationRequest",
            "MedicationStatement", "MedicationDispense", "MedicationAdministration");

    /** The sample patients, read and re-dated beside the rest of the start (see SampleDataLoad). */
    @Bean
    SampleDataLoad sampleData(FhirContext fhir, ResourcePatternResolver resolver, DemoProperties settings,
            Clock clock) {
        return new SampleDataLoad(() -> {
            SampleData.Loaded loaded = new SampleData(fhir).load(resolver, settings.patients(), LocalDate.now(clock));
            log.info("Demo FHIR server at /fhir: {} sample patients, {} resources, re-dated to today",
                    loaded.patients().size(), loaded.resources().size());
            return new ResourceStore(loaded.resources());
        });
    }

    @Bean
    ServletRegistrationBean<RestfulServer> demoFhirServer(FhirContext fhir, SampleDataLoad sampleData,
            DemoProperties settings) {
        RestfulServer server = new RestfulServer(fhir) {
            @Override
            protected void initialize() {
                // HAPI binds the providers when the servlet starts: on the first /fhir request (the servlet's
                // default), not with the application. A CDS call does not need it.
                setResourceProviders(providers(fhir, sampleData.store()));
            }
        };
        server.setServerName("cql-hooks demo FHIR server (sample patients, read-only)");
        server.setImplementationDescription("cql-hooks embedded FHIR R4 server with the bundled sample patients");
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        // A provider attaches a Medication to its reference only when _include asked for it; HAPI then adds it.
        server.setBundleInclusionRule(BundleInclusionRule.BASED_ON_RESOURCE_PRESENCE);
        FifoMemoryPagingProvider paging = new FifoMemoryPagingProvider(KEPT_SEARCHES);
        paging.setDefaultPageSize(settings.defaultPageSize());
        paging.setMaximumPageSize(settings.maxPageSize());
        server.setPagingProvider(paging);
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("demoFhirServer");
        return registration;
    }

    private static List<IResourceProvider> providers(FhirContext fhir, ResourceStore store) {
        List<IResourceProvider> providers = new ArrayList<>(List.of(new PatientProvider(store),
                new ObservationProvider(store), new ConditionProvider(store), new MedicationRequestProvider(store),
                new MedicationStatementProvider(store), new MedicationDispenseProvider(store),
                new MedicationAdministrationProvider(store)));
        Set<String> others = new java.util.TreeSet<>(store.types());
        others.add("Medication");
        others.removeAll(OWN_PROVIDERS);
        for (String type : others) {
            providers.add(other(store, fhir.getResourceDefinition(type).getImplementingClass(Resource.class)));
        }
        return providers;
    }

    private static <T extends Resource> IResourceProvider other(ResourceStore store, Class<T> type) {
        return new OtherResourceProvider<>(store, type);
    }
}
