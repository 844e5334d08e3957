package org.cqlhooks.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.TriggerDefinition;

/**
 * Which PlanDefinitions become services: ECA rules (type {@code eca-rule}), active or draft, with a top-level
 * action triggered by the {@code patient-view} named event. Actions without an id get one from their position,
 * so every card's {@code source.topic} can name its action.
 */
final class ServiceSelection {

    static final String PATIENT_VIEW = "patient-view";
    private static final Set<String> SERVED_STATUS = Set.of("active", "draft");

    private ServiceSelection() {
    }

    /** Why the PlanDefinition is not a service, or empty when it is one. */
    static Optional<String> notServed(PlanDefinition pd) {
        boolean eca = pd.getType().getCoding().stream().anyMatch(c -> "eca-rule".equals(c.getCode()));
        if (!eca) {
            return Optional.of("not an eca-rule");
        }
        if (pd.getStatus() == null || !SERVED_STATUS.contains(pd.getStatus().toCode())) {
            return Optional.of("status " + (pd.getStatus() == null ? "missing" : pd.getStatus().toCode()));
        }
        if (pd.getAction().stream().noneMatch(ServiceSelection::onPatientView)) {
            List<String> events = new ArrayList<>();
            pd.getAction().forEach(a -> a.getTrigger().forEach(t -> events.add(String.valueOf(t.getName()))));
            return Optional.of("no action triggered by patient-view (triggers: " + events + ")");
        }
        return Optional.empty();
    }

    static boolean onPatientView(PlanDefinitionActionComponent action) {
        return action.getTrigger().stream().anyMatch(t -> t.getType() == TriggerDefinition.TriggerType.NAMEDEVENT
                && PATIENT_VIEW.equals(t.getName()));
    }

    /** Gives every action without an id one from its position: {@code action-2}, {@code action-2-1}. */
    static void identifyActions(PlanDefinition pd) {
        identify(pd.getAction(), "action");
    }

    private static void identify(List<PlanDefinitionActionComponent> actions, String prefix) {
        for (int i = 0; i < actions.size(); i++) {
            PlanDefinitionActionComponent action = actions.get(i);
            if (!action.hasId()) {
                action.setId(prefix + "-" + (i + 1));
            }
            identify(action.getAction(), prefix + "-" + (i + 1));
        }
    }
}
