package org.cqlhooks.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.content.ServiceDefinition;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * 2.0.1 "Discovery": GET {baseUrl}/cds-services lists the services, sorted by id. Services that only bundle others
 * (an all-in-one) are left out unless {@code cds.discovery.list-all-in-one} is set, so the listed services do not
 * overlap; they stay callable.
 */
@RestController
class DiscoveryController {

    private final LiveContent content;
    private final DiscoveryProperties settings;

    DiscoveryController(LiveContent content, DiscoveryProperties settings) {
        this.content = content;
        this.settings = settings;
    }

    @GetMapping(path = "/cds-services", produces = MediaType.APPLICATION_JSON_VALUE)
    DiscoveryResponse discovery() {
        return new DiscoveryResponse(content.catalog().all().stream()
                .filter(s -> settings.listAllInOne() || !s.definition().isComposite())
                .map(s -> ServiceDescriptor.of(s.definition())).toList());
    }

    /** The discovery document; {@code services} is present even when empty. */
    record DiscoveryResponse(@JsonInclude(JsonInclude.Include.ALWAYS) List<ServiceDescriptor> services) {
    }

    /** One service as 2.0.1 describes it: hook, title, description, id, prefetch, usageRequirements. */
    record ServiceDescriptor(String hook, String title, String description, String id, Map<String, String> prefetch,
            String usageRequirements) {

        static ServiceDescriptor of(ServiceDefinition d) {
            return new ServiceDescriptor(d.hook(), d.title(), d.description(), d.id(), d.prefetch(),
                    d.usageRequirements());
        }
    }
}
