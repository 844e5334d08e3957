package org.cqlhooks.knowledge;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqframework.cql.cql2elm.tracking.Trackable;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.FunctionDef;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;

/**
 * Checks, at start-up, that every CQL identifier a PlanDefinition's actions use (applicability conditions and
 * dynamic values) names a definition of its library, and that each condition is Boolean: {@code $apply} would
 * otherwise only log the failure and return no card.
 */
final class ExpressionCheck {

    private static final Set<String> IDENTIFIER = Set.of("text/cql-identifier", "text/cql.identifier", "text/cql");
    private static final Set<String> OTHER = Set.of("text/cql-expression", "text/cql.expression", "text/fhirpath");

    private final PlanDefinition pd;
    private final CompiledLibrary library;
    private final String origin;
    private final Problems problems;
    private final Set<String> used = new LinkedHashSet<>();

    private ExpressionCheck(PlanDefinition pd, CompiledLibrary library, String origin, Problems problems) {
        this.pd = pd;
        this.library = library;
        this.origin = origin;
        this.problems = problems;
    }

    /** Checks the actions; returns the names of the library definitions they use (for the data requirements). */
    static Set<String> check(PlanDefinition pd, CompiledLibrary library, String origin, Problems problems) {
        ExpressionCheck check = new ExpressionCheck(pd, library, origin, problems);
        check.actions(pd.getAction());
        return check.used;
    }

    private void actions(List<PlanDefinitionActionComponent> actions) {
        for (PlanDefinitionActionComponent action : actions) {
            for (var condition : action.getCondition()) {
                if (condition.getKind() == PlanDefinition.ActionConditionKind.APPLICABILITY) {
                    expression(action, "condition", condition.getExpression(), true);
                }
            }
            for (var dynamicValue : action.getDynamicValue()) {
                expression(action, "dynamicValue " + dynamicValue.getPath(), dynamicValue.getExpression(), false);
            }
            actions(action.getAction());
        }
    }

    private void expression(PlanDefinitionActionComponent action, String what, Expression e, boolean condition) {
        String at = "PlanDefinition/" + pd.getIdPart() + " action " + action.getId() + " " + what;
        if (e == null || !e.hasExpression()) {
            problems.add(origin, at + ": no expression");
            return;
        }
        String language = e.getLanguage();
        if (OTHER.contains(language) || e.hasReference()
                || ("text/cql".equals(language) && e.getExpression().contains("."))) {
            return; // evaluated as written, in another library or as FHIRPath: checked when it runs
        }
        if (!IDENTIFIER.contains(language)) {
            problems.add(origin, at + ": language '" + language + "' is not supported (text/cql-identifier, "
                    + "text/cql-expression or text/fhirpath)");
            return;
        }
        String name = e.getExpression();
        ExpressionDef def = library.resolveExpressionRef(name);
        if (def == null || def instanceof FunctionDef) {
            problems.add(origin, at + ": no definition \"" + name + "\" in library "
                    + library.getIdentifier().getId());
            return;
        }
        used.add(name);
        String type = String.valueOf(Trackable.INSTANCE.getResultType(def));
        if (condition && !type.equals("System.Boolean")) {
            problems.add(origin, at + ": \"" + name + "\" is " + type + ", not Boolean");
        }
    }
}
