package org.cqlhooks.cases;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.cards.CqlValues;
import org.cqlhooks.cql.LibraryResult;
import org.cqlhooks.evaluation.ServiceEvaluator.Evaluated;
import org.cqlhooks.wire.Card;
import org.opencds.cqf.cql.engine.runtime.Quantity;

/**
 * What a case's answer must be, each check giving a one-line difference: exactly the expected cards, each once;
 * every card readable (a record named by what it is, never by a resource id such as {@code Observation/abc-123},
 * which goes to the evidence extension), labelled with one of the evidence labels verbatim, naming its source once
 * and listing as evidence only records of the call; the expected CQL values and texts.
 */
public final class CaseChecks {

    /** The evidence labels a card may carry, verbatim (README, "Bundled content"). */
    public static final Set<String> EVIDENCE_LABELS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
            "Regulatory label", "Guideline-based", "Validated criteria/instrument", "RCT-supported (limited)",
            "Low-quality evidence", "Expert opinion / non-guideline", "Lab reference range")));

    /** {@code Type/id} for any FHIR R4 resource type, the shape of a reference. */
    public static final Pattern RESOURCE_ID = Pattern.compile("\\b(" + FhirContext.forR4Cached().getResourceTypes()
            .stream().sorted((a, b) -> b.length() - a.length()).collect(Collectors.joining("|"))
            + ")/[A-Za-z0-9.\\-]{1,64}");
    private static final Pattern ESCAPE = Pattern.compile("\\\\([!-/:-@\\[-`{-~])");

    private CaseChecks() {
    }

    /** Every difference between the answer and the case's expectations; the records are those of the call. */
    static List<String> differences(ClinicalCase c, Evaluated evaluated, Set<String> records) {
        List<String> found = new ArrayList<>();
        evaluated.results().forEach((library, result) -> {
            if (result.failed()) {
                found.add("library " + library + " failed: " + result.failure().getMessage());
            }
        });
        List<Card> cards = evaluated.cards();
        List<String> fired = cards.stream().map(CaseChecks::id).toList();
        if (!sorted(fired).equals(sorted(c.cards()))) {
            found.add("cards: expected " + sorted(c.cards()) + ", fired " + sorted(fired));
        }
        for (Card card : cards) {
            String what = "card " + id(card);
            found.addAll(readable(what, card.summary(), card.detail(),
                    (String) card.extension().get(CompiledCard.EVIDENCE_EXTENSION), card.source().label()));
            found.addAll(recordsOfTheCall(what, evidence(card), records));
        }
        JsonNode expected = c.expected();
        expected.path("definitions").properties().forEach(library -> library.getValue().properties().forEach(d -> {
            LibraryResult result = evaluated.results().get(library.getKey());
            if (result == null) {
                found.add("definitions: the service runs no library " + library.getKey());
            } else {
                value(library.getKey() + ".\"" + d.getKey() + "\"", result.value(d.getKey()), d.getValue())
                        .ifPresent(found::add);
            }
        }));
        contains(expected, "detailContains", cards, card -> unescaped(card.detail()), "detail", found);
        contains(expected, "summaryContains", cards, Card::summary, "summary", found);
        expected.path("evidenceContains").properties().forEach(e -> card(cards, e.getKey()).ifPresentOrElse(
                card -> e.getValue().forEach(ref -> {
                    if (!evidence(card).contains(ref.asText())) {
                        found.add("evidence of " + e.getKey() + " lacks " + ref.asText() + ": " + evidence(card));
                    }
                }), () -> found.add("evidenceContains: no card " + e.getKey() + " fired")));
        return found;
    }

    /**
     * A card's text names no resource id, its label is one of {@link #EVIDENCE_LABELS}, its detail names the source
     * once, its summary stays under the limit.
     */
    public static List<String> readable(String what, String summary, String detail, String label, String source) {
        List<String> found = new ArrayList<>();
        if (summary.length() >= Card.SUMMARY_LIMIT) {
            found.add(what + ": summary has " + summary.length() + " characters, not under " + Card.SUMMARY_LIMIT);
        }
        if (RESOURCE_ID.matcher(summary).find()) {
            found.add(what + ": summary names a resource id: " + summary);
        }
        if (RESOURCE_ID.matcher(detail).find()) {
            found.add(what + ": detail names a resource id (put records in evidenceResources)");
        }
        if (!EVIDENCE_LABELS.contains(label)) {
            found.add(what + ": evidence label '" + label + "' is not one of " + EVIDENCE_LABELS);
        }
        int named = count(detail, source);
        if (named != 1) {
            found.add(what + ": the detail names the source '" + source + "' " + named + " times, not once");
        }
        return found;
    }

    /** Every evidence reference is a {@code Type/id} of one of the records the call sent. */
    public static List<String> recordsOfTheCall(String what, List<String> references, Set<String> records) {
        List<String> found = new ArrayList<>();
        for (String ref : references) {
            if (!RESOURCE_ID.matcher(ref).matches()) {
                found.add(what + ": evidence reference '" + ref + "' is not Type/id");
            } else if (!records.contains(ref)) {
                found.add(what + ": evidence reference " + ref + " is not a record of the call");
            }
        }
        return found;
    }

    /** The markdown with backslash escapes removed ({@code u\[IU\]/mL} reads {@code u[IU]/mL} again). */
    public static String unescaped(String markdown) {
        return ESCAPE.matcher(markdown).replaceAll("$1");
    }

    /** The card's evidence references ({@code Type/id}), from its extension. */
    @SuppressWarnings("unchecked")
    public static List<String> evidence(Card card) {
        Object refs = card.extension() == null ? null : card.extension().get(CompiledCard.EVIDENCE_RESOURCES_EXTENSION);
        return refs == null ? List.of() : (List<String>) refs;
    }

    private static void contains(JsonNode expected, String field, List<Card> cards, Function<Card, String> text,
            String what, List<String> found) {
        for (Map.Entry<String, JsonNode> e : expected.path(field).properties()) {
            Optional<Card> card = card(cards, e.getKey());
            if (card.isEmpty()) {
                found.add(field + ": no card " + e.getKey() + " fired");
                continue;
            }
            String actual = text.apply(card.get());
            e.getValue().forEach(part -> {
                if (!actual.contains(part.asText())) {
                    found.add(what + " of " + e.getKey() + " lacks \"" + part.asText() + "\": " + actual);
                }
            });
        }
    }

    /** A difference between a CQL value and the expected JSON value, if any. */
    private static Optional<String> value(String what, Object actual, JsonNode expected) {
        if (expected.isNull()) {
            return actual == null ? Optional.empty() : Optional.of(what + " is " + CqlValues.format(actual)
                    + ", expected no value");
        }
        if (actual == null) {
            return Optional.of(what + " has no value, expected " + expected);
        }
        if (expected.isBoolean()) {
            return actual.equals(expected.asBoolean()) ? Optional.empty()
                    : Optional.of(what + " is " + actual + ", expected " + expected.asBoolean());
        }
        if (expected.isNumber()) {
            BigDecimal value;
            try {
                value = actual instanceof Quantity q ? q.getValue() : new BigDecimal(actual.toString());
            } catch (NumberFormatException e) {
                return Optional.of(what + " is " + CqlValues.format(actual) + ", expected the number " + expected);
            }
            return value != null && value.compareTo(expected.decimalValue()) == 0 ? Optional.empty()
                    : Optional.of(what + " is " + CqlValues.format(actual) + ", expected " + expected);
        }
        String text = CqlValues.format(actual);
        return text.equals(expected.asText()) ? Optional.empty()
                : Optional.of(what + " is \"" + text + "\", expected \"" + expected.asText() + "\"");
    }

    private static Optional<Card> card(List<Card> cards, String id) {
        return cards.stream().filter(card -> id(card).equals(id)).findFirst();
    }

    private static String id(Card card) {
        return card.source().topic() == null ? "?" : card.source().topic().code();
    }

    private static List<String> sorted(Collection<String> ids) {
        return ids.stream().sorted().toList();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    /** {@code Type/id} of each record. */
    static Set<String> references(Collection<? extends org.hl7.fhir.instance.model.api.IBaseResource> resources) {
        Set<String> refs = new HashSet<>();
        resources.forEach(r -> refs.add(r.fhirType() + "/" + r.getIdElement().getIdPart()));
        return refs;
    }
}
