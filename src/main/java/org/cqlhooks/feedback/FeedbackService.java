package org.cqlhooks.feedback;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.feedback.CardFeedback.Outcome;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.cqlhooks.wire.Coding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * 2.0.1 "Feedback": checks each entry against the text and against the card it names (one this service issued to
 * this client, an override reason the card offered, a time after the card was issued), then keeps it once in the
 * {@link FeedbackStore}. A body with one bad entry keeps none. New feedback is announced ({@link FeedbackReceived}:
 * the metrics count it per service and outcome in {@code cds.feedback}); a repeat is neither kept nor counted again.
 * Card ids and comments are not logged: a clinician's comment can hold patient data.
 */
@Service
public class FeedbackService {

    private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);

    private final LiveContent content;
    private final FeedbackReader reader;
    private final FeedbackStore store;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public FeedbackService(LiveContent content, ObjectMapper mapper, FeedbackStore store,
            ApplicationEventPublisher events, Clock clock) {
        this.content = content;
        this.reader = new FeedbackReader(mapper);
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    public void record(String serviceId, byte[] body) {
        CdsService service = content.catalog().find(serviceId).orElseThrow(() -> new CdsException(
                CdsError.UNKNOWN_SERVICE,
                "No CDS service '" + serviceId + "'"));
        List<CardFeedback> items = reader.read(body, clock.instant());
        List<CardFeedback> checked = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            checked.add(againstCard(service, items.get(i), "feedback[" + i + "]"));
        }
        int stored = 0;
        for (CardFeedback item : checked) {
            if (store.save(serviceId, item)) {
                stored++;
                events.publishEvent(new FeedbackReceived(serviceId, item.outcome().code()));
            }
        }
        log.info("feedback service={} items={} new={}", serviceId, items.size(), stored);
    }

    private CardFeedback againstCard(CdsService service, CardFeedback item, String at) {
        IssuedCard card = store.issued(service.id(), item.card()).orElseThrow(() -> new CdsException(
                CdsError.UNKNOWN_CARD, at + ".card is not a card this service issued to this client", at + ".card"));
        if (item.outcomeTimestamp().isBefore(card.issuedAt().minus(FeedbackReader.CLOCK_TOLERANCE))) {
            throw CdsException.invalid(at + ".outcomeTimestamp", "outcomeTimestamp is before the card was issued");
        }
        if (item.outcome() != Outcome.OVERRIDDEN || item.reason() == null) {
            return item;
        }
        List<Coding> offered = service.overrideReasons(card.cardId());
        Coding given = item.reason();
        Coding match = offered.stream()
                .filter(r -> r.system().equals(given.system()) && r.code().equals(given.code()))
                .findFirst().orElseThrow(() -> CdsException.invalid(at + ".overrideReason.reason", offered.isEmpty()
                        ? "card " + card.cardId() + " offers no override reasons"
                        : "not one of the override reasons card " + card.cardId() + " offers: " + offered.stream()
                                .map(r -> r.system() + "|" + r.code()).collect(Collectors.joining(", "))));
        return item.withReason(match);
    }
}
