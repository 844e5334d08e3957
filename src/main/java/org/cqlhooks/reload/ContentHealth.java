package org.cqlhooks.reload;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.ContentSnapshot;
import org.cqlhooks.catalog.LiveContent;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code content} health component: UP with the services served and the libraries compiled; DEGRADED while
 * a changed content failed its checks and the last good content keeps serving (the problems listed). Content that
 * fails at start-up stops the start, so there is no health to report then. DEGRADED answers 200: the server serves.
 */
@Component("content")
class ContentHealth implements HealthIndicator {

    /** Serving the last good content while a newer change does not load. */
    static final Status DEGRADED = new Status("DEGRADED", "a content change failed its checks; the last good "
            + "content keeps serving");

    private final LiveContent content;

    ContentHealth(LiveContent content) {
        this.content = content;
    }

    @Override
    public Health health() {
        ContentSnapshot current = content.current();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("services", current.catalog().all().stream().map(CdsService::id).toList());
        details.put("libraries", current.libraries().all().size());
        details.put("loadedAt", current.loadedAt().toString());
        return content.failure().map(failure -> {
            details.put("failedAt", failure.at().toString());
            details.put("problems", failure.problems());
            return Health.status(DEGRADED).withDetails(details).build();
        }).orElseGet(() -> Health.up().withDetails(details).build());
    }
}
