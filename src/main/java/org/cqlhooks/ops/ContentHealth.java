package org.cqlhooks.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.ContentSnapshot;
import org.cqlhooks.catalog.LiveContent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code content} health component, part of readiness: UP with the services served and the libraries compiled
 * once the content is loaded and checked; DOWN while it is not (content that fails its checks stops the start, so
 * there is no UP with broken content); DEGRADED while a changed content failed its checks on reload and the last
 * good content keeps serving (the problems listed). DEGRADED answers 200 and keeps the server ready: it serves.
 */
@Component("content")
class ContentHealth implements HealthIndicator {

    /** Serving the last good content while a newer change does not load. */
    static final Status DEGRADED = new Status("DEGRADED", "a content change failed its checks; the last good "
            + "content keeps serving");

    private final ObjectProvider<LiveContent> content;

    /** Looked up at each check, not when made: the content may still be loading when the first probe asks. */
    ContentHealth(ObjectProvider<LiveContent> content) {
        this.content = content;
    }

    @Override
    public Health health() {
        LiveContent live = content.getIfAvailable();
        if (live == null) {
            return Health.down().withDetail("content", "not loaded").build();
        }
        ContentSnapshot current = live.current();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("services", current.catalog().all().stream().map(CdsService::id).toList());
        details.put("libraries", current.libraries().all().size());
        details.put("loadedAt", current.loadedAt().toString());
        return live.failure().map(failure -> {
            details.put("failedAt", failure.at().toString());
            details.put("problems", failure.problems());
            return Health.status(DEGRADED).withDetails(details).build();
        }).orElseGet(() -> Health.up().withDetails(details).build());
    }
}
