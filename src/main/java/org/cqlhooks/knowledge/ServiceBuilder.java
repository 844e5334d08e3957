package org.cqlhooks.knowledge;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.hl7.elm.r1.VersionedIdentifier;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.fhir.cql.VersionedIdentifiers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a service of each PlanDefinition that is one: compiles its library as {@code $apply} will ask for it,
 * checks its actions' expressions and definitions, and derives its prefetch templates. Problems are collected.
 */
final class ServiceBuilder {

    private static final Logger log = LoggerFactory.getLogger(ServiceBuilder.class);

    private final KnowledgeBase base;
    private final PackageCompiler compiler;
    private final CqlSourceProvider sources;
    private final Map<String, List<Code>> valueSets;
    private final FhirContext fhir;
    private final Problems problems;

    ServiceBuilder(KnowledgeBase base, PackageCompiler compiler, CqlSourceProvider sources,
            Map<String, List<Code>> valueSets, FhirContext fhir, Problems problems) {
        this.base = base;
        this.compiler = compiler;
        this.sources = sources;
        this.valueSets = valueSets;
        this.fhir = fhir;
        this.problems = problems;
    }

    Optional<PackageService.Description> build(Artifact<PlanDefinition> artifact) {
        PlanDefinition pd = artifact.resource();
        Optional<String> notServed = ServiceSelection.notServed(pd);
        if (notServed.isPresent()) {
            log.info("PlanDefinition/{} is not a CDS service: {}", pd.getIdPart(), notServed.get());
            return Optional.empty();
        }
        ServiceSelection.identifyActions(pd);
        String at = artifact.origin();
        if (!pd.hasLibrary()) {
            problems.add(at, "PlanDefinition/" + pd.getIdPart() + " names no library");
            return Optional.empty();
        }
        String canonical = pd.getLibrary().get(0).getValue();
        VersionedIdentifier id;
        try {
            id = VersionedIdentifiers.forUrl(canonical);
        } catch (IllegalArgumentException e) {
            problems.add(at, "PlanDefinition/" + pd.getIdPart() + " library " + canonical + ": " + e.getMessage());
            return Optional.empty();
        }
        if (sources.find(id.getId(), id.getVersion()).isEmpty()) {
            problems.add(at, "PlanDefinition/" + pd.getIdPart() + " library " + canonical
                    + " names no CQL library in the packages or the bundled content");
            return Optional.empty();
        }
        CompiledLibrary compiled = compiler.compile(id, at, problems);
        if (compiled == null) {
            return Optional.empty();
        }
        Set<String> used = ExpressionCheck.check(pd, compiled, at, problems);
        checkDefinitions(pd, pd.getAction(), at);
        Map<String, String> prefetch = PrefetchTemplates.of(
                DataRequirements.of(pd, base.libraries(), compiler.libraryManager(), compiled, used), valueSets, fhir);
        return Optional.of(new PackageService.Description(pd, first(pd.getTitle(), pd.getName(), pd.getIdPart()),
                first(pd.getDescription(), pd.getTitle(), pd.getIdPart()), prefetch, at));
    }

    private void checkDefinitions(PlanDefinition pd, List<PlanDefinitionActionComponent> actions, String at) {
        for (PlanDefinitionActionComponent action : actions) {
            if (action.hasDefinitionCanonicalType() && !base.definitions().contains(action.getDefinitionCanonicalType()
                    .getValue())) {
                problems.add(at, "PlanDefinition/" + pd.getIdPart() + " action " + action.getId() + ": definition "
                        + action.getDefinitionCanonicalType().getValue()
                        + " is no ActivityDefinition or PlanDefinition in the packages");
            }
            checkDefinitions(pd, action.getAction(), at);
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
