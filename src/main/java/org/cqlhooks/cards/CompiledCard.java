package org.cqlhooks.cards;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.cqlhooks.cql.LibraryResult;
import org.cqlhooks.cql.RecordText;
import org.cqlhooks.wire.Card;
import org.cqlhooks.wire.Coding;
import org.cqlhooks.wire.Indicator;
import org.cqlhooks.wire.Link;
import org.cqlhooks.wire.Source;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * A card rule ready to run: its templates parsed and checked against the library at start-up. Building a card
 * reads only the evaluation result it is given, so one instance serves all requests.
 */
public final class CompiledCard {

    /** The CodeSystem of card IDs: fhir-resources/codesystems/card-type.json. */
    public static final String CARD_TYPE_SYSTEM = "http://cqlhooks.org/fhir/CodeSystem/card-type";
    /** The card extension key that carries the evidence label. */
    public static final String EVIDENCE_EXTENSION = "org.cqlhooks.evidence";
    /**
     * The card extension key that lists the records the finding rests on, as relative references ({@code Type/id}):
     * the card's text names records by what they are (names, values, dates), so an EHR that wants to link them reads
     * them here.
     */
    public static final String EVIDENCE_RESOURCES_EXTENSION = "org.cqlhooks.evidence-resources";

    private final String id;
    private final String library;
    private final String when;
    private final CardTemplate indicator;
    private final CardTemplate summary;
    private final CardTemplate detail;
    private final CardTemplate evidence;
    private final String evidenceResources;
    private final Source source;
    private final List<Link> links;
    private final List<Coding> overrideReasons;

    /** {@code overrideReasons}: what a clinician may pick when overriding the card (2.0.1), display included. */
    public CompiledCard(CardText text, String library, String when, Source source, List<Link> links,
            List<Coding> overrideReasons) {
        this.id = text.id();
        this.library = library;
        this.when = when;
        this.indicator = CardTemplate.parse(text.indicator());
        this.summary = CardTemplate.parse(text.summary());
        this.detail = CardTemplate.parse(text.detail());
        this.evidence = CardTemplate.parse(text.evidence());
        this.evidenceResources = text.evidenceResources();
        this.source = new Source(source.label(), source.url(), source.icon(),
                new Coding(CARD_TYPE_SYSTEM, text.id(), text.title()));
        this.links = links == null ? List.of() : List.copyOf(links);
        this.overrideReasons = overrideReasons == null ? List.of() : List.copyOf(overrideReasons);
    }

    /**
     * The texts of a card rule. Every text may hold {@code ${Definition name}} placeholders, the evidence label
     * included: a card whose label depends on the result (a guideline level and a non-guideline one) reads it
     * from a definition. {@code evidenceResources}, when given, names the definition that lists the records the
     * finding rests on.
     */
    public record CardText(String id, String title, String indicator, String summary, String detail,
            String evidence, String evidenceResources) {

        public CardText(String id, String title, String indicator, String summary, String detail, String evidence) {
            this(id, title, indicator, summary, detail, evidence, null);
        }
    }

    public String id() {
        return id;
    }

    public String library() {
        return library;
    }

    public String when() {
        return when;
    }

    /** The override reasons the card offers; feedback may name only these. */
    public List<Coding> overrideReasons() {
        return overrideReasons;
    }

    /** Every CQL definition the card reads: its condition and its placeholders. */
    public Set<String> definitions() {
        Set<String> names = new LinkedHashSet<>();
        names.add(when);
        names.addAll(indicator.references());
        names.addAll(summary.references());
        names.addAll(detail.references());
        names.addAll(evidence.references());
        if (evidenceResources != null) {
            names.add(evidenceResources);
        }
        return names;
    }

    /** The definition listing the records the finding rests on, if the card names one. */
    public Optional<String> evidenceResources() {
        return Optional.ofNullable(evidenceResources);
    }

    /** Placeholders only; the condition is checked separately (it must be Boolean). */
    public Set<String> placeholders() {
        Set<String> names = new LinkedHashSet<>(indicator.references());
        names.addAll(summary.references());
        names.addAll(detail.references());
        names.addAll(evidence.references());
        return names;
    }

    public Optional<Indicator> literalIndicator() {
        return indicator.isLiteral() ? Indicator.fromCode(indicator.render(n -> "")) : Optional.empty();
    }

    public boolean hasLiteralIndicator() {
        return indicator.isLiteral();
    }

    /** The card, if its condition is true in the result. */
    public Optional<Card> build(LibraryResult result) {
        if (!Boolean.TRUE.equals(result.value(when))) {
            return Optional.empty();
        }
        // Text from the record is marked in the values; CardMarkdown writes it as text into summary and detail.
        Function<String, String> values = name -> CqlValues.marked(result.value(name));
        String level = RecordText.plain(indicator.render(values));
        Indicator resolved = Indicator.fromCode(level)
                .orElseThrow(() -> new IllegalStateException("card " + id + ": indicator '" + level + "' is not valid"));
        String label = RecordText.plain(evidence.render(values)).strip();
        if (label.isEmpty() || label.equals(CqlValues.NO_VALUE)) {
            throw new IllegalStateException("card " + id + ": the evidence label has no value");
        }
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put(EVIDENCE_EXTENSION, label);
        List<String> records = evidenceResources == null ? List.of() : references(result.value(evidenceResources));
        if (!records.isEmpty()) {
            extension.put(EVIDENCE_RESOURCES_EXTENSION, records);
        }
        return Optional.of(new Card(UUID.randomUUID().toString(),
                shorten(CardMarkdown.summary(summary.render(values))),
                detail(CardMarkdown.detail(id, detail, values), label), resolved, source, null, null, overrideReasons,
                links,
                Collections.unmodifiableMap(extension)));
    }

    /** {@code Type/id} of each record a definition lists (strings as given, resources by type and id), once each. */
    static List<String> references(Object value) {
        Set<String> out = new LinkedHashSet<>();
        Iterable<?> items = value instanceof Iterable<?> many ? many : value == null ? List.of() : List.of(value);
        for (Object item : items) {
            if (item instanceof IBaseResource r && r.getIdElement().hasIdPart()) {
                out.add(r.fhirType() + "/" + r.getIdElement().getIdPart());
            } else if (item instanceof String s && !s.isBlank()) {
                out.add(RecordText.plain(s));
            }
        }
        return List.copyOf(out);
    }

    private String detail(String text, String evidence) {
        String sourceText = source.url() == null ? source.label() : "[" + source.label() + "](" + source.url() + ")";
        String footer = "Evidence: **" + evidence + "**. Source: " + sourceText + ".";
        return text.isBlank() ? footer : text.strip() + "\n\n" + footer;
    }

    /** 2.0.1: the summary is under 140 characters, always. Content is checked for this; this is the last guard. */
    static String shorten(String text) {
        String oneLine = text.strip().replaceAll("\\s+", " ");
        if (oneLine.length() < Card.SUMMARY_LIMIT) {
            return oneLine;
        }
        return oneLine.substring(0, Card.SUMMARY_LIMIT - 2).stripTrailing() + "…";
    }
}
