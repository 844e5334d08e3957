package org.cqlhooks.web;

import java.nio.charset.StandardCharsets;
import org.cqlhooks.governance.AnalyticsQuery;
import org.cqlhooks.governance.CardAnalytics;
import org.cqlhooks.governance.CardFigures;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The committee's view of the governance record: the figures per card as JSON, and the page that charts them (one
 * HTML file, one script, one stylesheet from the jar). Who may read it is the trust layer's rule for /analytics.
 */
@RestController
class AnalyticsController {

    private final CardAnalytics analytics;

    AnalyticsController(CardAnalytics analytics) {
        this.analytics = analytics;
    }

    @GetMapping(path = "/analytics/cards", produces = MediaType.APPLICATION_JSON_VALUE)
    CardFigures.Report cards(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String service) {
        return analytics.cards(AnalyticsQuery.parse(from, to, service));
    }

    @GetMapping(path = "/analytics/cards/daily", produces = MediaType.APPLICATION_JSON_VALUE)
    CardFigures.DailyReport daily(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String service) {
        return analytics.daily(AnalyticsQuery.parse(from, to, service));
    }

    @GetMapping("/analytics")
    ResponseEntity<Resource> page() {
        return file("analytics/index.html", MediaType.TEXT_HTML);
    }

    @GetMapping("/analytics/analytics.js")
    ResponseEntity<Resource> script() {
        return file("analytics/analytics.js", MediaType.valueOf("text/javascript"));
    }

    @GetMapping("/analytics/analytics.css")
    ResponseEntity<Resource> stylesheet() {
        return file("analytics/analytics.css", MediaType.valueOf("text/css"));
    }

    private static ResponseEntity<Resource> file(String path, MediaType type) {
        return ResponseEntity.ok().contentType(new MediaType(type, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache()).body(new ClassPathResource(path));
    }
}
