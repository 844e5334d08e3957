package org.cqlhooks.knowledge;

import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cqlhooks.cards.EvaluationFailureCard;
import org.cqlhooks.wire.Card;
import org.cqlhooks.wire.Coding;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.PlanDefinition;

/**
 * A CDS service made from a PlanDefinition of a content package (an ECA rule whose action is triggered by the
 * patient-view named event), ready to run: it carries the {@code $apply} of the packages it came from, so whoever
 * holds it (the catalogue, a test, a command line) evaluates it against the right knowledge. Discovery publishes
 * id, hook, title, description and prefetch as for the own services. Read-only after start-up.
 */
public final class PackageService {

    private final String id;
    private final String title;
    private final String description;
    private final Map<String, String> prefetch;
    private final PlanDefinition planDefinition;
    private final String origin;
    private final PlanDefinitionRunner runner;
    private final ActionCards cards;

    PackageService(Description description, PlanDefinitionRunner runner, ActionCards cards) {
        this.id = description.planDefinition().getIdPart();
        this.title = description.title();
        this.description = description.description();
        this.prefetch = Collections.unmodifiableMap(new TreeMap<>(description.prefetch()));
        this.planDefinition = description.planDefinition();
        this.origin = description.origin();
        this.runner = runner;
        this.cards = cards;
    }

    /**
     * What a service is made of.
     *
     * @param prefetch templates derived from the data requirements (the PlanDefinition's own, its library's
     *     declared ones, or those of the compiled CQL)
     * @param origin the package and file the PlanDefinition was read from
     */
    record Description(PlanDefinition planDefinition, String title, String description, Map<String, String> prefetch,
            String origin) {
    }

    /** The PlanDefinition's id. */
    public String id() {
        return id;
    }

    public String hook() {
        return ServiceSelection.PATIENT_VIEW;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public Map<String, String> prefetch() {
        return prefetch;
    }

    public PlanDefinition planDefinition() {
        return planDefinition;
    }

    public String origin() {
        return origin;
    }

    /**
     * The override reasons the card {@code cardId} offers: the site's default ones for a card of one of its
     * actions, none for the evaluation-failure card.
     */
    public List<Coding> overrideReasons(String cardId) {
        return EvaluationFailureCard.CARD_ID.equals(cardId) ? List.of() : cards.overrideReasons();
    }

    /** The cards the PlanDefinition gives for the patient's resources at the time, most urgent first. */
    public List<Card> evaluate(String patientId, List<IBaseResource> resources, ZonedDateTime at) {
        return cards.cards(this, runner.apply(planDefinition, patientId, resources, at));
    }

    /** Applies the PlanDefinition to an empty record; returns what {@code $apply} reported as failing. */
    List<String> warmUp() {
        return Diagnostics.issues(runner.apply(planDefinition, ContentPackages.WARM_UP_PATIENT, List.of(),
                ZonedDateTime.now()));
    }

    @Override
    public String toString() {
        return "PackageService[" + id + " from " + origin + "]";
    }
}
