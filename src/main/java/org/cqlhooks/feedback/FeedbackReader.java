package org.cqlhooks.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.cqlhooks.feedback.CardFeedback.Outcome;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.cqlhooks.wire.Coding;

/** Reads a 2.0.1 feedback body field by field; the first problem is a 400 naming the field. */
final class FeedbackReader {

    /** A card uuid is what this server issued (a UUID); anything longer cannot be one. */
    static final int MAX_CARD = 64;
    static final int MAX_ITEMS = 100;
    static final int MAX_SUGGESTIONS = 50;
    static final int MAX_ID = 128;
    static final int MAX_CODING_TEXT = 255;
    static final int MAX_COMMENT = 4000;
    /** How far ahead of this server's clock an outcomeTimestamp may be (client clocks drift). */
    static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);
    /** RFC 3339 section 5.6 date-time; the offset must say UTC (Z, +00:00 or -00:00). */
    private static final Pattern RFC3339_UTC = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]00:00)");
    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private final ObjectMapper mapper;

    FeedbackReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<CardFeedback> read(byte[] body, Instant now) {
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
        if (items.size() > MAX_ITEMS) {
            throw new CdsException(CdsError.LIMIT_EXCEEDED, "at most " + MAX_ITEMS + " feedback entries per request",
                    "feedback");
        }
        List<CardFeedback> feedback = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            feedback.add(item(items.get(i), "feedback[" + i + "]", now));
        }
        return feedback;
    }

    private static CardFeedback item(JsonNode item, String at, Instant now) {
        if (item == null || !item.isObject()) {
            throw CdsException.invalid(at, at + " must be an object");
        }
        String card = text(item, "card", at);
        if (card.length() > MAX_CARD) {
            throw new CdsException(CdsError.UNKNOWN_CARD, at + ".card is not the uuid of a card this server issued",
                    at + ".card");
        }
        String code = text(item, "outcome", at);
        Outcome outcome = Outcome.fromCode(code);
        if (outcome == null) {
            throw CdsException.invalid(at + ".outcome", at + ".outcome must be accepted or overridden");
        }
        List<String> accepted = suggestions(item.get("acceptedSuggestions"), outcome, at + ".acceptedSuggestions");
        JsonNode reasonNode = item.get("overrideReason");
        Coding reason = null;
        String comment = null;
        if (reasonNode != null && !reasonNode.isNull()) {
            if (outcome != Outcome.OVERRIDDEN) {
                throw CdsException.invalid(at + ".overrideReason", "overrideReason is only for overridden outcomes");
            }
            if (!reasonNode.isObject()) {
                throw CdsException.invalid(at + ".overrideReason", "overrideReason must be an object");
            }
            reason = coding(reasonNode.get("reason"), at + ".overrideReason.reason");
            comment = optionalText(reasonNode, "userComment", at + ".overrideReason", MAX_COMMENT);
            if (reason == null && comment == null) {
                throw CdsException.invalid(at + ".overrideReason",
                        "overrideReason must hold a reason, a userComment or both");
            }
        }
        Instant timestamp = timestamp(text(item, "outcomeTimestamp", at), at + ".outcomeTimestamp", now);
        return new CardFeedback(card, outcome, accepted, reason, comment, timestamp);
    }

    /** 2.0.1: acceptedSuggestions is "Required for accepted outcomes"; each entry's {@code id} is REQUIRED. */
    private static List<String> suggestions(JsonNode node, Outcome outcome, String at) {
        boolean absent = node == null || node.isNull() || (node.isArray() && node.isEmpty());
        if (outcome == Outcome.OVERRIDDEN) {
            if (!absent) {
                throw CdsException.invalid(at, "acceptedSuggestions is only for accepted outcomes");
            }
            return List.of();
        }
        if (absent || !node.isArray()) {
            throw CdsException.invalid(at, "acceptedSuggestions is required when accepted: an array of {\"id\": ...}");
        }
        if (node.size() > MAX_SUGGESTIONS) {
            throw new CdsException(CdsError.LIMIT_EXCEEDED, "at most " + MAX_SUGGESTIONS + " accepted suggestions",
                    at);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String id = text(node.get(i), "id", at + "[" + i + "]");
            if (id.length() > MAX_ID) {
                throw CdsException.invalid(at + "[" + i + "].id", "a suggestion id has at most " + MAX_ID
                        + " characters");
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** 2.0.1 Coding: code and system REQUIRED; display optional in feedback (the card's display is kept). */
    private static Coding coding(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw CdsException.invalid(at, at + " must be a Coding object (system, code)");
        }
        String system = text(node, "system", at);
        String code = text(node, "code", at);
        String display = optionalText(node, "display", at, MAX_CODING_TEXT);
        if (system.length() > MAX_CODING_TEXT || code.length() > MAX_CODING_TEXT) {
            throw CdsException.invalid(at, "system and code have at most " + MAX_CODING_TEXT + " characters");
        }
        return new Coding(system, code, display);
    }

    /**
     * 2.0.1: "ISO8601 representation of the date and time in Coordinated Universal Time (UTC) ... as profiled in
     * section 5.6 of RFC3339". Another offset is refused rather than converted: the text asks for UTC. The clinician
     * acted before the feedback arrived, so a time ahead of this server's clock (beyond drift) is refused too.
     */
    private static Instant timestamp(String value, String at, Instant now) {
        if (!RFC3339_UTC.matcher(value).matches()) {
            String why = RFC3339.matcher(value).matches() ? " in UTC: end it with Z, not a local offset"
                    : " an RFC 3339 date-time such as 2021-12-11T10:05:31Z";
            throw CdsException.invalid(at, "outcomeTimestamp must be" + why);
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.toUpperCase(Locale.ROOT)).withOffsetSameInstant(ZoneOffset.UTC)
                    .toInstant();
        } catch (DateTimeParseException e) {
            throw CdsException.invalid(at, "outcomeTimestamp is not a valid date and time");
        }
        if (instant.isAfter(now.plus(CLOCK_TOLERANCE))) {
            throw CdsException.invalid(at, "outcomeTimestamp lies in the future");
        }
        return instant;
    }

    private static String text(JsonNode node, String name, String at) {
        JsonNode v = node == null || !node.isObject() ? null : node.get(name);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw CdsException.invalid(at + "." + name, at + "." + name + " is required and must be a string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String name, String at, int max) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw CdsException.invalid(at + "." + name, at + "." + name + " must be a string");
        }
        if (v.asText().length() > max) {
            throw CdsException.invalid(at + "." + name, at + "." + name + " has at most " + max + " characters");
        }
        return v.asText().isBlank() ? null : v.asText();
    }
}
