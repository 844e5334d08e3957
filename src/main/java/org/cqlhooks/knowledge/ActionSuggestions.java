package org.cqlhooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cqlhooks.wire.Action;
import org.cqlhooks.wire.SelectionBehavior;
import org.cqlhooks.wire.Suggestion;
import org.hl7.fhir.r4.model.RequestGroup.ActionSelectionBehavior;
import org.hl7.fhir.r4.model.RequestGroup.RequestGroupActionComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * The suggestions of one card action, as the CPG/CDS Hooks mapping has them: each nested action is a suggestion
 * whose actions create (or update, or delete) the resources its definitions produced; an action that produced a
 * resource itself, without nested actions, is one suggestion. CDS Hooks 2.0.1 knows two selection behaviours:
 * {@code at-most-one} and {@code exactly-one} become at-most-one; {@code any}, {@code one-or-more} and none become
 * any; {@code all} and {@code all-or-none} become one suggestion that carries every nested action's actions.
 */
final class ActionSuggestions {

    /** The suggestions and how many of them a user may pick. */
    record Suggestions(List<Suggestion> suggestions, SelectionBehavior behavior) {
        static final Suggestions NONE = new Suggestions(null, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirContext fhir;
    private final Map<String, Resource> contained;

    /** @param contained the resources the {@code $apply} result contains, by id (without '#') */
    ActionSuggestions(FhirContext fhir, Map<String, Resource> contained) {
        this.fhir = fhir;
        this.contained = contained;
    }

    Suggestions of(RequestGroupActionComponent card) {
        List<RequestGroupActionComponent> nested = card.getAction().stream().filter(a -> a != null).toList();
        if (nested.isEmpty()) {
            List<Action> own = actions(card, false);
            return own.isEmpty() ? Suggestions.NONE
                    : new Suggestions(List.of(suggestion(label(card), own)), SelectionBehavior.AT_MOST_ONE);
        }
        ActionSelectionBehavior behavior = card.getSelectionBehavior();
        if (behavior == ActionSelectionBehavior.ALL || behavior == ActionSelectionBehavior.ALLORNONE) {
            List<Action> all = new ArrayList<>();
            nested.forEach(a -> all.addAll(actions(a, true)));
            List<String> labels = nested.stream().map(ActionSuggestions::label).toList();
            return new Suggestions(List.of(suggestion(String.join("; ", labels), all)), SelectionBehavior.AT_MOST_ONE);
        }
        List<Suggestion> suggestions = nested.stream().map(a -> suggestion(label(a), actions(a, true))).toList();
        boolean one = behavior == ActionSelectionBehavior.ATMOSTONE || behavior == ActionSelectionBehavior.EXACTLYONE;
        return new Suggestions(suggestions, one ? SelectionBehavior.AT_MOST_ONE : SelectionBehavior.ANY);
    }

    private static Suggestion suggestion(String label, List<Action> actions) {
        return new Suggestion(label, UUID.randomUUID().toString(), null, actions.isEmpty() ? null : actions);
    }

    /** The actions for the resource an action produced and, when asked, those of the actions nested in it. */
    private List<Action> actions(RequestGroupActionComponent action, boolean nested) {
        List<Action> actions = new ArrayList<>();
        if (action.hasResource() && action.getResource().hasReference()) {
            String reference = action.getResource().getReference();
            Resource resource = contained.get(reference.substring(reference.lastIndexOf('/') + 1).replace("#", ""));
            String type = type(action);
            if (type.equals("delete")) {
                actions.add(new Action(type, description(action), null, reference));
            } else if (resource != null) {
                actions.add(new Action(type, description(action), json(resource), null));
            }
        }
        if (nested) {
            action.getAction().stream().filter(a -> a != null).forEach(a -> actions.addAll(actions(a, true)));
        }
        return actions;
    }

    /** The action type's code: create, update, or remove (delete in CDS Hooks); create when none is given. */
    private static String type(RequestGroupActionComponent action) {
        String code = action.getType().getCodingFirstRep().getCode();
        return "update".equals(code) ? "update" : "remove".equals(code) ? "delete" : "create";
    }

    private static String label(RequestGroupActionComponent action) {
        return action.hasTitle() ? action.getTitle()
                : action.hasDescription() ? action.getDescription() : action.getId();
    }

    private static String description(RequestGroupActionComponent action) {
        return action.hasDescription() ? action.getDescription() : label(action);
    }

    /** The resource to create, without the id $apply gave it inside its result: the EHR assigns one. */
    private JsonNode json(Resource resource) {
        Resource copy = resource.copy();
        copy.setIdElement(null);
        try {
            return JSON.readTree(fhir.newJsonParser().encodeResourceToString(copy));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("HAPI wrote JSON that Jackson cannot read", e);
        }
    }
}
