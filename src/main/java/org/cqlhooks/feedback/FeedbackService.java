package org.cqlhooks.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.cqlhooks.catalog.ServiceCatalog;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Checks feedback against 2.0.1 and announces each item ({@link FeedbackReceived}; the metrics count it per service
 * and outcome). Comments and card ids are not logged: a clinician's comment can hold patient data.
 */
@Service
public class FeedbackService {

    private static final Logger log = LoggerFactory.getLogger(FeedbackService.class);

    private final ServiceCatalog catalog;
    private final ObjectMapper mapper;
    private final ApplicationEventPublisher events;

    public FeedbackService(ServiceCatalog catalog, ObjectMapper mapper, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.mapper = mapper;
        this.events = events;
    }

    public void record(String serviceId, byte[] body) {
        if (catalog.find(serviceId).isEmpty()) {
            throw new CdsException(CdsError.UNKNOWN_SERVICE, "No CDS service '" + serviceId + "'");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw new CdsException(CdsError.MALFORMED_JSON, "The feedback body is not valid JSON");
        }
        JsonNode items = root == null ? null : root.get("feedback");
        if (items == null || !items.isArray()) {
            throw CdsException.invalid("feedback", "feedback is required and must be an array");
        }
        for (int i = 0; i < items.size(); i++) {
            check(items.get(i), "feedback[" + i + "]");
        }
        for (JsonNode item : items) {
            events.publishEvent(new FeedbackReceived(serviceId, item.get("outcome").asText()));
        }
        log.info("feedback service={} items={}", serviceId, items.size());
    }

    private static void check(JsonNode item, String at) {
        if (item == null || !item.isObject()) {
            throw CdsException.invalid(at, at + " must be an object");
        }
        text(item, "card", at);
        String outcome = text(item, "outcome", at);
        if (!outcome.equals("accepted") && !outcome.equals("overridden")) {
            throw CdsException.invalid(at + ".outcome", "outcome must be accepted or overridden");
        }
        if (outcome.equals("accepted")) {
            JsonNode accepted = item.get("acceptedSuggestions");
            if (accepted == null || !accepted.isArray() || accepted.isEmpty()) {
                throw CdsException.invalid(at + ".acceptedSuggestions", "acceptedSuggestions is required when accepted");
            }
            for (int i = 0; i < accepted.size(); i++) {
                text(accepted.get(i), "id", at + ".acceptedSuggestions[" + i + "]");
            }
        }
        JsonNode reason = item.get("overrideReason");
        if (reason != null && !reason.isNull() && !reason.isObject()) {
            throw CdsException.invalid(at + ".overrideReason", "overrideReason must be an object");
        }
        String timestamp = text(item, "outcomeTimestamp", at);
        try {
            OffsetDateTime.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw CdsException.invalid(at + ".outcomeTimestamp", "outcomeTimestamp must be an RFC 3339 date-time");
        }
    }

    private static String text(JsonNode node, String name, String at) {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw CdsException.invalid(at + "." + name, at + "." + name + " is required and must be a string");
        }
        return v.asText();
    }
}
