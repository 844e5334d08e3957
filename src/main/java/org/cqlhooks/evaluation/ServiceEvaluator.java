package org.cqlhooks.evaluation;

import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.cards.CardAssembler;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.cql.CqlEvaluator;
import org.cqlhooks.cql.Evaluation;
import org.cqlhooks.cql.LibraryResult;
import org.cqlhooks.prefetch.MedicationReferences;
import org.cqlhooks.wire.Card;

/**
 * The one way to evaluate a CDS service: a service, one patient's resources and an evaluation time in, cards out.
 * The service call, the tests and the command line all come through here, so the pipeline (medication references
 * inlined, the service's CQL definitions evaluated, cards built, most urgent first) is written once; a service made
 * from a content package's PlanDefinition runs its {@code $apply} instead, after the same inlining. Site CQL
 * parameters are the {@link CqlEvaluator}'s. Knows no web types and needs no Spring context: construct it with an
 * evaluator.
 */
public class ServiceEvaluator {

    private final CqlEvaluator cql;

    public ServiceEvaluator(CqlEvaluator cql) {
        this.cql = cql;
    }

    /** The cards {@code service} returns for {@code patient} at {@code evaluatedAt}. */
    public List<Card> cards(CdsService service, PatientResources patient, ZonedDateTime evaluatedAt) {
        return evaluate(service, patient, evaluatedAt, Map.of()).cards();
    }

    /**
     * The cards and the CQL results they were built from.
     *
     * @param alsoEvaluate further definitions whose values the caller wants to see (library name to definition
     *     names), evaluated with the service's own
     */
    public Evaluated evaluate(CdsService service, PatientResources patient, ZonedDateTime evaluatedAt,
            Map<String, Set<String>> alsoEvaluate) {
        MedicationReferences.inline(patient.resources());
        if (service.isPlanDefinition()) {
            // A content package's PlanDefinition: $apply by the reference library, its result mapped to cards.
            return new Evaluated(service.planDefinition().evaluate(patient.patientId(), patient.resources(),
                    evaluatedAt), Map.of());
        }
        Map<String, LibraryResult> results = cql.evaluate(new Evaluation(definitions(service, alsoEvaluate),
                patient.patientId(), patient.resources(), evaluatedAt));
        return new Evaluated(CardAssembler.assemble(service.cards(), results), results);
    }

    /** Cards, most urgent first, and each library's result (library name to its values or its failure). */
    public record Evaluated(List<Card> cards, Map<String, LibraryResult> results) {

        /** The libraries that could not be evaluated (an EVAL-ERROR card stands for each), sorted. */
        public List<String> failedLibraries() {
            return results.entrySet().stream().filter(e -> e.getValue().failed()).map(Map.Entry::getKey).sorted()
                    .toList();
        }
    }

    private static Map<String, Set<String>> definitions(CdsService service, Map<String, Set<String>> alsoEvaluate) {
        if (alsoEvaluate.isEmpty()) {
            return service.definitionsByLibrary();
        }
        Map<String, Set<String>> definitions = new LinkedHashMap<>();
        service.definitionsByLibrary().forEach((library, names) -> definitions.put(library, new LinkedHashSet<>(names)));
        alsoEvaluate.forEach((library, names) ->
                definitions.computeIfAbsent(library, l -> new LinkedHashSet<>()).addAll(names));
        return definitions;
    }
}
