package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cqlhooks.wire.Indicator;
import org.cqlhooks.wire.SelectionBehavior;
import org.cqlhooks.knowledge.ActionSuggestions.Suggestions;
import org.cqlhooks.testing.TestContent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RequestGroup.ActionSelectionBehavior;
import org.hl7.fhir.r4.model.RequestGroup.RequestGroupActionComponent;
import org.hl7.fhir.r4.model.RequestGroup.RequestPriority;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

/** The parts of the CPG to CDS Hooks mapping that the test IG does not reach: summaries, priorities, behaviours. */
class ActionMappingTest {

    @Test
    void summaryIsCutUnder140CharactersAtAWord() {
        String title = "Ferritin 9 ng/mL is below the WHO threshold of 15 ng/mL for apparently healthy adults, "
                + "which is consistent with iron deficiency; evaluate the cause before anything else";
        String summary = Summaries.cut(title);
        assertThat(summary).hasSizeLessThan(140).endsWith("…");
        assertThat(title).startsWith(summary.substring(0, summary.length() - 1));
        assertThat(title.charAt(summary.length() - 1)).isEqualTo(' ');
        assertThat(Summaries.cut("  Short\n title ")).isEqualTo("Short title");
        assertThat(Summaries.cut("x".repeat(200))).hasSize(139);
    }

    @Test
    void priorityGivesTheIndicator() {
        assertThat(ActionCards.indicator(new RequestGroupActionComponent())).isEqualTo(Indicator.INFO);
        assertThat(ActionCards.indicator(action(RequestPriority.ROUTINE))).isEqualTo(Indicator.INFO);
        assertThat(ActionCards.indicator(action(RequestPriority.URGENT))).isEqualTo(Indicator.WARNING);
        assertThat(ActionCards.indicator(action(RequestPriority.ASAP))).isEqualTo(Indicator.WARNING);
        assertThat(ActionCards.indicator(action(RequestPriority.STAT))).isEqualTo(Indicator.CRITICAL);
    }

    @Test
    void evidenceLabelComesFromTheCpgExtensions() {
        PlanDefinitionActionComponent action = new PlanDefinitionActionComponent();
        assertThat(ActionCards.evidence(action)).isEqualTo(ActionCards.NOT_STATED);
        action.addExtension(ActionCards.STRENGTH, new CodeableConcept(new Coding(null, "weak", "Weak")));
        action.addExtension(ActionCards.QUALITY, new CodeableConcept().setText("Low quality"));
        assertThat(ActionCards.evidence(action)).isEqualTo("Weak recommendation; Low quality evidence");
    }

    @Test
    void allOrNoneBecomesOneSuggestionWithEveryAction() {
        RequestGroupActionComponent card = new RequestGroupActionComponent().setTitle("Card")
                .setSelectionBehavior(ActionSelectionBehavior.ALLORNONE);
        card.addAction(child("Order ferritin", "sr-1"));
        card.addAction(child("Order transferrin saturation", "sr-2"));

        Suggestions suggestions = suggestions(Map.of("sr-1", request("2276-4"), "sr-2", request("2502-3")))
                .of(card);

        assertThat(suggestions.behavior()).isEqualTo(SelectionBehavior.AT_MOST_ONE);
        assertThat(suggestions.suggestions()).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("Order ferritin; Order transferrin saturation");
            assertThat(s.actions()).extracting(a -> a.resource().at("/code/coding/0/code").asText())
                    .containsExactly("2276-4", "2502-3");
            assertThat(s.actions()).allSatisfy(a -> {
                assertThat(a.type()).isEqualTo("create");
                assertThat(a.resource().has("id")).as("the EHR assigns the id").isFalse();
            });
        });
    }

    @Test
    void exactlyOneBecomesAtMostOneAndOneOrMoreBecomesAny() {
        RequestGroupActionComponent card = new RequestGroupActionComponent().setTitle("Card")
                .setSelectionBehavior(ActionSelectionBehavior.EXACTLYONE);
        card.addAction(child("A", "sr-1"));
        card.addAction(new RequestGroupActionComponent().setTitle("Just text"));
        ActionSuggestions mapping = suggestions(Map.of("sr-1", request("2276-4")));

        Suggestions one = mapping.of(card);
        assertThat(one.behavior()).isEqualTo(SelectionBehavior.AT_MOST_ONE);
        assertThat(one.suggestions()).extracting(s -> s.label()).containsExactly("A", "Just text");
        assertThat(one.suggestions().get(1).actions()).isNull();

        card.setSelectionBehavior(ActionSelectionBehavior.ONEORMORE);
        assertThat(mapping.of(card).behavior()).isEqualTo(SelectionBehavior.ANY);
    }

    @Test
    void anActionWithAResourceAndNoNestedActionsIsOneSuggestion() {
        RequestGroupActionComponent card = child("Order ferritin", "sr-1");
        Suggestions suggestions = suggestions(Map.of("sr-1", request("2276-4"))).of(card);
        assertThat(suggestions.behavior()).isEqualTo(SelectionBehavior.AT_MOST_ONE);
        assertThat(suggestions.suggestions()).singleElement()
                .satisfies(s -> assertThat(s.actions()).singleElement()
                        .satisfies(a -> assertThat(a.resource().get("resourceType").asText())
                                .isEqualTo("ServiceRequest")));
        assertThat(suggestions(Map.of()).of(new RequestGroupActionComponent().setTitle("text only")))
                .isEqualTo(Suggestions.NONE);
    }

    private static ActionSuggestions suggestions(Map<String, Resource> contained) {
        return new ActionSuggestions(TestContent.FHIR, contained);
    }

    private static RequestGroupActionComponent action(RequestPriority priority) {
        return new RequestGroupActionComponent().setPriority(priority);
    }

    private static RequestGroupActionComponent child(String title, String resourceId) {
        return new RequestGroupActionComponent().setTitle(title).setResource(new Reference("#" + resourceId));
    }

    private static ServiceRequest request(String loinc) {
        ServiceRequest request = new ServiceRequest();
        request.setId("#x");
        request.getCode().addCoding().setSystem("http://loinc.org").setCode(loinc);
        return request;
    }
}
