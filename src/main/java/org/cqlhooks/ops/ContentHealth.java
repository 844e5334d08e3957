package org.cqlhooks.ops;

import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.ServiceCatalog;
import org.cqlhooks.cql.CqlLibraries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code content} health component, part of readiness: UP with the services served and the libraries compiled
 * once the content is loaded and checked; DOWN while it is not (content that fails its checks stops the start, so
 * there is no UP with broken content).
 */
@Component("content")
class ContentHealth implements HealthIndicator {

    private final ObjectProvider<ServiceCatalog> catalog;
    private final ObjectProvider<CqlLibraries> libraries;

    ContentHealth(ObjectProvider<ServiceCatalog> catalog, ObjectProvider<CqlLibraries> libraries) {
        this.catalog = catalog;
        this.libraries = libraries;
    }

    @Override
    public Health health() {
        ServiceCatalog services = catalog.getIfAvailable();
        CqlLibraries compiled = libraries.getIfAvailable();
        if (services == null || compiled == null) {
            return Health.down().withDetail("content", "not loaded").build();
        }
        return Health.up()
                .withDetail("services", services.all().stream().map(CdsService::id).toList())
                .withDetail("libraries", compiled.all().size())
                .build();
    }
}
