package org.cqlhooks.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.cql.ValueSetTerminology;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ValueSet;
import org.opencds.cqf.cql.engine.runtime.Code;
import org.opencds.cqf.cql.engine.terminology.ValueSetInfo;

/**
 * Expands every ValueSet once, at start-up, into the reference engine's ValueSet cache, so no call expands one and
 * none is expanded naively from a partial compose: the packages' ValueSets (their expansion, else their enumerated
 * compose or every concept of a CodeSystem the packages hold) and the bundled ones, which libraries included from
 * the bundled content use. A compose the server cannot expand (filters, nested ValueSets) is a start-up problem.
 */
final class PackageTerminology {

    /** The engine's terminology binary-searches each expansion by code: keep them sorted so. */
    private static final Comparator<Code> BY_CODE = Comparator.comparing(Code::getCode);

    private PackageTerminology() {
    }

    static void expandInto(Map<String, List<Code>> cache, KnowledgeBase base, ValueSetTerminology bundled,
            Problems problems) {
        for (String url : bundled.valueSetUrls()) {
            List<Code> codes = new ArrayList<>();
            bundled.expand(new ValueSetInfo().withId(url)).forEach(codes::add);
            cache.put(url, sorted(codes));
        }
        for (Artifact<ValueSet> artifact : base.valueSets()) {
            ValueSet vs = artifact.resource();
            if (!vs.hasUrl()) {
                problems.add(artifact.origin(), "ValueSet " + vs.getIdPart() + " has no url");
                continue;
            }
            if (bundled.knows(vs.getUrl())) {
                problems.add(artifact.origin(), "ValueSet " + vs.getUrl() + " is also in the bundled content");
                continue;
            }
            List<Code> codes = expand(vs, base.codeSystems(), artifact.origin(), problems);
            cache.put(vs.getUrl(), codes);
            if (vs.hasVersion()) {
                cache.put(vs.getUrl() + "|" + vs.getVersion(), codes);
            }
        }
    }

    private static List<Code> expand(ValueSet vs, Map<String, CodeSystem> codeSystems, String origin,
            Problems problems) {
        List<Code> codes = new ArrayList<>();
        if (vs.hasExpansion() && vs.getExpansion().hasContains()) {
            contains(vs.getExpansion().getContains(), codes);
            return sorted(codes);
        }
        Set<String> excluded = new HashSet<>();
        for (ValueSet.ConceptSetComponent exclude : vs.getCompose().getExclude()) {
            exclude.getConcept().forEach(c -> excluded.add(exclude.getSystem() + "|" + c.getCode()));
        }
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            if (include.hasFilter() || include.hasValueSet()) {
                problems.add(origin, "ValueSet " + vs.getUrl() + ": compose filters and nested valueSets are not "
                        + "expanded here; publish the ValueSet with its expansion");
                return List.of();
            }
            if (include.hasConcept()) {
                include.getConcept().forEach(c -> codes.add(code(include.getSystem(), c.getCode(), c.getDisplay())));
            } else if (codeSystems.containsKey(include.getSystem())) {
                concepts(include.getSystem(), codeSystems.get(include.getSystem()).getConcept(), codes);
            } else {
                problems.add(origin, "ValueSet " + vs.getUrl() + " includes all of CodeSystem " + include.getSystem()
                        + ", which no package holds");
                return List.of();
            }
        }
        codes.removeIf(c -> excluded.contains(c.getSystem() + "|" + c.getCode()));
        return sorted(codes);
    }

    private static void contains(List<ValueSet.ValueSetExpansionContainsComponent> contains, List<Code> codes) {
        for (ValueSet.ValueSetExpansionContainsComponent c : contains) {
            if (c.hasCode() && c.hasSystem()) {
                codes.add(code(c.getSystem(), c.getCode(), c.getDisplay()).withVersion(c.getVersion()));
            }
            contains(c.getContains(), codes);
        }
    }

    private static void concepts(String system, List<CodeSystem.ConceptDefinitionComponent> concepts,
            List<Code> codes) {
        for (CodeSystem.ConceptDefinitionComponent c : concepts) {
            codes.add(code(system, c.getCode(), c.getDisplay()));
            concepts(system, c.getConcept(), codes);
        }
    }

    private static Code code(String system, String code, String display) {
        return new Code().withSystem(system).withCode(code).withDisplay(display);
    }

    private static List<Code> sorted(List<Code> codes) {
        List<Code> valid = new ArrayList<>(codes.stream()
                .filter(c -> c.getCode() != null && c.getSystem() != null).toList());
        valid.sort(BY_CODE);
        return List.copyOf(valid);
    }
}
