package org.cqlhooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.cqlhooks.wire.Card;
import org.cqlhooks.cards.CardMarkdown;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.wire.Coding;
import org.cqlhooks.cards.EvaluationFailureCard;
import org.cqlhooks.wire.Indicator;
import org.cqlhooks.wire.Link;
import org.cqlhooks.wire.Source;
import org.cqlhooks.knowledge.ActionSuggestions.Suggestions;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.RequestGroup;
import org.hl7.fhir.r4.model.RequestGroup.RequestGroupActionComponent;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cards from a PlanDefinition's {@code $apply} result, as the CPG/CDS Hooks mapping has them: each applicable
 * top-level action (on patient-view) is a card; title is the summary (cut under 140 characters at a word),
 * description the detail, priority the indicator, documentation the links, the PlanDefinition's publisher and
 * first related artifact the source; {@code source.topic} names the PlanDefinition (system: its url) and the
 * action (code: its id). Dynamic values are already applied by {@code $apply}. A failure reported in the result
 * becomes the evaluation-failure card: no card must never be read as no finding.
 */
final class ActionCards {

    private static final Logger log = LoggerFactory.getLogger(ActionCards.class);
    static final String STRENGTH = "http://hl7.org/fhir/uv/cpg/StructureDefinition/cpg-strengthOfRecommendation";
    static final String QUALITY = "http://hl7.org/fhir/uv/cpg/StructureDefinition/cpg-qualityOfEvidence";
    static final String NOT_STATED = "Not stated by the content package";

    private final FhirContext fhir;
    private final List<Coding> overrideReasons;

    ActionCards(FhirContext fhir, List<Coding> overrideReasons) {
        this.fhir = fhir;
        this.overrideReasons = List.copyOf(overrideReasons);
    }

    /** What a clinician may pick when overriding one of these cards: the site's default override reasons. */
    List<Coding> overrideReasons() {
        return overrideReasons;
    }

    List<Card> cards(PackageService service, CarePlan result) {
        Map<String, Resource> contained = new HashMap<>();
        collect(result, contained);
        List<Card> cards = new ArrayList<>();
        int issues = Diagnostics.issues(result).size();
        if (issues > 0) {
            // The count only: the engine's messages can quote patient data.
            log.warn("PlanDefinition {} reported {} evaluation problem(s)", service.id(), issues);
            cards.add(EvaluationFailureCard.of("PlanDefinition/" + service.id()));
        }
        PlanDefinition pd = service.planDefinition();
        ActionSuggestions suggestions = new ActionSuggestions(fhir, contained);
        for (CarePlan.CarePlanActivityComponent activity : result.getActivity()) {
            // The CarePlan's activity is the RequestGroup of this PlanDefinition; nested definitions have their own.
            String reference = activity.getReference().getReference();
            if (reference != null && contained.get(reference.replace("#", "")) instanceof RequestGroup group) {
                for (RequestGroupActionComponent action : group.getAction()) {
                    definition(pd, action).filter(d -> d.getTrigger().isEmpty() || ServiceSelection.onPatientView(d))
                            .ifPresent(d -> cards.add(card(pd, d, action, suggestions.of(action))));
                }
            }
        }
        cards.sort(Comparator.comparing(Card::indicator).reversed());
        return cards;
    }

    private Card card(PlanDefinition pd, PlanDefinitionActionComponent definition, RequestGroupActionComponent action,
            Suggestions suggestions) {
        String title = first(action.getTitle(), definition.getTitle(), pd.getTitle(), pd.getName(), pd.getIdPart());
        Source source = source(pd, definition);
        String evidence = evidence(definition);
        String sourceText = source.url() == null ? source.label() : "[" + source.label() + "](" + source.url() + ")";
        String footer = "Evidence: **" + evidence + "**. Source: " + sourceText + ".";
        // Record text that the CQL marked (Common."Record Text") is data here as in the own cards.
        String detail = action.hasDescription()
                ? CardMarkdown.withRecordSpansEscaped(action.getDescription().strip()) + "\n\n" + footer : footer;
        return new Card(UUID.randomUUID().toString(), Summaries.cut(CardMarkdown.summary(title)), detail, indicator(action), source,
                suggestions.suggestions(), suggestions.behavior(), overrideReasons.isEmpty() ? null : overrideReasons,
                links(action),
                Map.of(CompiledCard.EVIDENCE_EXTENSION, evidence));
    }

    /** The PlanDefinition action the result's action came from (ids are copied; every action has one). */
    private static Optional<PlanDefinitionActionComponent> definition(PlanDefinition pd,
            RequestGroupActionComponent action) {
        if (action == null || !action.hasId()) {
            return Optional.empty();
        }
        return pd.getAction().stream().filter(d -> action.getId().equals(d.getId())).findFirst();
    }

    /** routine: info; urgent and asap: warning; stat: critical (CPG priority to CDS Hooks indicator). */
    static Indicator indicator(RequestGroupActionComponent action) {
        if (!action.hasPriority()) {
            return Indicator.INFO;
        }
        return switch (action.getPriority()) {
            case STAT -> Indicator.CRITICAL;
            case URGENT, ASAP -> Indicator.WARNING;
            default -> Indicator.INFO;
        };
    }

    private static Source source(PlanDefinition pd, PlanDefinitionActionComponent definition) {
        String label = first(pd.getPublisher(), pd.getTitle(), pd.getName(), "PlanDefinition " + pd.getIdPart());
        String url = pd.getRelatedArtifact().stream().map(RelatedArtifact::getUrl).filter(ActionCards::isWebUrl)
                .findFirst().orElse(null);
        String system = pd.hasUrl() ? pd.getUrl() : "urn:cqlhooks:plan-definition:" + pd.getIdPart();
        Coding topic = new Coding(system, definition.getId(),
                first(definition.getTitle(), pd.getTitle(), definition.getId()));
        return new Source(label, url, null, topic);
    }

    private static List<Link> links(RequestGroupActionComponent action) {
        List<Link> links = new ArrayList<>();
        for (RelatedArtifact doc : action.getDocumentation()) {
            if (isWebUrl(doc.getUrl())) {
                links.add(new Link(first(doc.getDisplay(), doc.getLabel(), doc.getUrl()), doc.getUrl(), "absolute",
                        null, null));
            }
        }
        return links.isEmpty() ? null : links;
    }

    /** The CPG strength of recommendation and quality of evidence, as the card's evidence label. */
    static String evidence(PlanDefinitionActionComponent definition) {
        List<String> parts = new ArrayList<>();
        display(definition.getExtensionByUrl(STRENGTH)).ifPresent(s -> parts.add(s + " recommendation"));
        display(definition.getExtensionByUrl(QUALITY)).ifPresent(q -> parts.add(q + " evidence"));
        return parts.isEmpty() ? NOT_STATED : String.join("; ", parts);
    }

    private static Optional<String> display(Extension extension) {
        if (extension == null || !(extension.getValue() instanceof CodeableConcept concept)) {
            return Optional.empty();
        }
        var coding = concept.getCodingFirstRep();
        return Optional.ofNullable(first(concept.getText(), coding.getDisplay(), coding.getCode()));
    }

    private static void collect(DomainResource resource, Map<String, Resource> into) {
        for (Resource r : resource.getContained()) {
            into.put(r.getIdElement().getIdPart().replace("#", ""), r);
            if (r instanceof DomainResource inner) {
                collect(inner, into);
            }
        }
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = url == null ? null : URI.create(url);
            return uri != null && uri.isAbsolute() && uri.getHost() != null
                    && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
