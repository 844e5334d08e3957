package org.cqlhooks.cql;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kotlin.Pair;
import org.hl7.elm.r1.VersionedIdentifier;
import org.opencds.cqf.cql.engine.data.CompositeDataProvider;
import org.opencds.cqf.cql.engine.data.DataProvider;
import org.opencds.cqf.cql.engine.execution.CqlEngine;
import org.opencds.cqf.cql.engine.execution.Environment;
import org.opencds.cqf.cql.engine.execution.EvaluationExpressionRef;
import org.opencds.cqf.cql.engine.execution.EvaluationParams;
import org.opencds.cqf.cql.engine.execution.EvaluationResult;
import org.opencds.cqf.cql.engine.execution.EvaluationResults;
import org.opencds.cqf.cql.engine.execution.ExpressionResult;
import org.opencds.cqf.cql.engine.model.ModelResolver;

/**
 * Evaluates compiled libraries for one patient. The libraries, terminology and model resolver are shared and
 * read-only; the engine, its state and the retrieve over the request's resources are made per call, so concurrent
 * calls never see each other's data.
 */
public class CqlEvaluator {

    private static final String FHIR_MODEL = "http://hl7.org/fhir";
    /** The CQL {@code external} functions this server implements: {@code "Record Text"} (see RecordText). */
    public static final Set<String> EXTERNAL_FUNCTIONS = Set.of(RecordTextFunction.NAME);

    /**
     * One model resolver per FHIR context, shared by every version of the content: making one reads the whole FHIR
     * model (about a second on a busy machine, on every reload otherwise), and it holds nothing of the content.
     */
    private static final Map<FhirContext, ModelResolver> MODEL_RESOLVERS = new ConcurrentHashMap<>();

    private final CqlLibraries libraries;
    private final ValueSetTerminology terminology;
    private final CqlParameters parameters;
    private final ModelResolver modelResolver;
    /** The libraries that declare external functions: each gets the provider in every evaluation. */
    private final List<VersionedIdentifier> withExternals;
    private final SharedFunctionCache functions = new SharedFunctionCache();

    public CqlEvaluator(CqlLibraries libraries, ValueSetTerminology terminology, CqlParameters parameters,
            FhirContext fhirContext) {
        this.libraries = libraries;
        this.terminology = terminology;
        this.parameters = parameters;
        this.modelResolver = MODEL_RESOLVERS.computeIfAbsent(fhirContext,
                context -> new CachedModelResolver(new FastR4ModelResolver(context)));
        this.withExternals = libraries.all().values().stream()
                .filter(RecordTextFunction::declaresExternals)
                .map(compiled -> compiled.getLibrary().getIdentifier())
                .toList();
    }

    /** Library name to its result; a library that fails does not take the others down with it. */
    public Map<String, LibraryResult> evaluate(Evaluation evaluation) {
        CodeDisplays.fill(evaluation.resources(), terminology);
        PatientRetrieve retrieve = new PatientRetrieve(evaluation.resources(), modelResolver, terminology);
        Map<String, DataProvider> providers = new HashMap<>();
        providers.put(FHIR_MODEL, new CompositeDataProvider(modelResolver, retrieve));
        @SuppressWarnings({"rawtypes", "unchecked"})
        Environment environment = new Environment(libraries.libraryManager(), (Map) providers, terminology);
        withExternals.forEach(id -> environment.registerExternalFunctionProvider(id, RecordTextFunction.INSTANCE));
        CqlEngine engine = new CqlEngine(environment, EnumSet.of(CqlEngine.Options.EnableExpressionCaching));
        functions.installIn(engine.getState().getCache());

        Map<String, VersionedIdentifier> ids = new LinkedHashMap<>();
        Map<VersionedIdentifier, List<EvaluationExpressionRef>> expressions = new HashMap<>();
        Map<String, Map<String, Object>> parameterValues = new HashMap<>();
        evaluation.definitions().forEach((name, definitions) -> {
            VersionedIdentifier id = libraries.find(name)
                    .orElseThrow(() -> new IllegalArgumentException("Unknown library " + name))
                    .getIdentifier();
            ids.put(name, id);
            List<EvaluationExpressionRef> refs = new ArrayList<>();
            for (String definition : definitions) {
                if (libraries.expression(name, definition).isEmpty()
                        && libraries.parameter(name, definition).isPresent()) {
                    // Card text may name a parameter: its value is the site's setting or the default, not evaluated.
                    parameters.value(name, definition).ifPresent(value ->
                            parameterValues.computeIfAbsent(name, l -> new HashMap<>()).put(definition, value));
                } else {
                    refs.add(new EvaluationExpressionRef(definition));
                }
            }
            expressions.put(id, refs);
        });
        EvaluationResults results = engine.evaluate(new EvaluationParams(expressions,
                new Pair<>("Patient", evaluation.patientId()), parameters.values(), null, evaluation.evaluatedAt()));

        Map<String, LibraryResult> byLibrary = new LinkedHashMap<>();
        ids.forEach((name, id) -> byLibrary.put(name,
                resultOf(results, id, parameterValues.getOrDefault(name, Map.of()))));
        return byLibrary;
    }

    /** Function call sites of this content resolved so far, across evaluations. */
    int resolvedCallSites() {
        return functions.size();
    }

    private static LibraryResult resultOf(EvaluationResults results, VersionedIdentifier id,
            Map<String, Object> parameterValues) {
        RuntimeException failure = results.getExceptionFor(id);
        EvaluationResult result = results.getResultFor(id);
        if (failure != null || result == null) {
            return new LibraryResult(Map.of(), failure != null ? failure : new IllegalStateException("no result"));
        }
        Map<String, Object> values = new HashMap<>(parameterValues);
        for (Map.Entry<String, ExpressionResult> entry : result.getExpressionResults().entrySet()) {
            if (entry.getValue().getValue() != null) {
                values.put(entry.getKey(), entry.getValue().getValue());
            }
        }
        return new LibraryResult(values, null);
    }
}
