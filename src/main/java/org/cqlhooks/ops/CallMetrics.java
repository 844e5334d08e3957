package org.cqlhooks.ops;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.cqlhooks.feedback.FeedbackReceived;
import org.cqlhooks.invocation.ServiceCallEvent;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Counts what calls announce: cards by service and card ID, libraries that could not be evaluated, prefetch keys
 * provided or fetched, prefetch entries left unread because no rule of the service reads them, feedback by outcome (the data path's events), and refused JWTs by reason (Spring Security's
 * authentication failure events). Every tag value comes from the content or from a fixed set of phrases, never
 * from what a caller sends.
 */
@Component
class CallMetrics {

    static final String CARDS = "cds.cards";
    static final String EVALUATION_ERRORS = "cds.evaluation.errors";
    static final String PREFETCH = "cds.prefetch";
    static final String SKIPPED = "cds.prefetch.skipped";
    static final String FEEDBACK = "cds.feedback";
    static final String JWT_REFUSALS = "cds.jwt.refusals";

    private final MeterRegistry meters;

    CallMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventListener
    void answered(ServiceCallEvent.Answered event) {
        event.cardIds().forEach(card -> meters.counter(CARDS, "service", event.service(), "card", card).increment());
        event.failedLibraries().forEach(library ->
                meters.counter(EVALUATION_ERRORS, "service", event.service(), "library", library).increment());
    }

    @EventListener
    void requestRead(ServiceCallEvent.RequestRead event) {
        if (event.skippedResources() > 0) {
            meters.counter(SKIPPED, "service", event.service()).increment(event.skippedResources());
        }
    }

    @EventListener
    void dataCollected(ServiceCallEvent.DataCollected event) {
        event.prefetched().forEach(key -> prefetch(event.service(), key, "provided"));
        event.fetched().forEach(key -> prefetch(event.service(), key, "fetched"));
    }

    @EventListener
    void feedback(FeedbackReceived event) {
        meters.counter(FEEDBACK, "service", event.service(), "outcome", event.outcome()).increment();
    }

    /** The reason is the short phrase the token verifier chose ("token already used" becomes token-already-used). */
    @EventListener
    void refused(AbstractAuthenticationFailureEvent event) {
        String reason = event.getException() instanceof OAuth2AuthenticationException oauth
                && oauth.getError() != null && oauth.getError().getDescription() != null
                ? oauth.getError().getDescription() : "other";
        meters.counter(JWT_REFUSALS, "reason", tag(reason)).increment();
    }

    private void prefetch(String service, String key, String source) {
        meters.counter(PREFETCH, "service", service, "key", key, "source", source).increment();
    }

    private static String tag(String phrase) {
        String tag = phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return tag.length() > 60 ? tag.substring(0, 60) : tag;
    }
}
