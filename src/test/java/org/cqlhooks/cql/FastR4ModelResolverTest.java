package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cqframework.cql.cql2elm.ModelManager;
import org.hl7.elm_modelinfo.r1.ClassInfo;
import org.hl7.elm_modelinfo.r1.TypeInfo;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.opencds.cqf.cql.engine.fhir.model.R4FhirModelResolver;

/**
 * The resolver leaves HAPI's scan of every resource type until a type name needs it, and must still resolve every
 * type exactly as the engine's stock R4 resolver (which scans all at once): each name the FHIR 4.0.1 model
 * information declares, and a CQL-style {@code FHIR.} name, to the same class or to the same failure. Each resolver
 * on a FHIR context of its own, since what a context has scanned is what the difference would be.
 */
class FastR4ModelResolverTest {

    @Test
    void everyTypeOfTheFhirModelResolvesAsWithTheStockResolver() {
        List<String> names = new ArrayList<>();
        for (TypeInfo type : new ModelManager().resolveModel("FHIR", "4.0.1").getModelInfo().getTypeInfo()) {
            if (type instanceof ClassInfo info) {
                names.add(info.getName());
            }
        }
        names.add("FHIR.Observation");
        names.add("NoSuchType");
        assertThat(names).contains("Observation", "ObservationStatus", "string", "Observation.ReferenceRange")
                .hasSizeGreaterThan(500);

        FastR4ModelResolver fast = new FastR4ModelResolver(FhirContext.forR4());
        // Before any name needs it, nothing beyond what HAPI loads for itself has been scanned.
        assertThat(fast.getFhirContext().getElementDefinitions()).hasSizeLessThan(400);
        assertThat(fast.resolveType("Observation")).isEqualTo(Observation.class);
        assertThat(fast.getFhirContext().getElementDefinitions()).hasSizeLessThan(400);

        Map<String, String> byFast = resolveAll(fast, names);
        Map<String, String> byStock = resolveAll(new R4FhirModelResolver(FhirContext.forR4()), names);
        Map<String, String> differing = new TreeMap<>();
        byStock.forEach((name, stock) -> {
            if (!stock.equals(byFast.get(name))) {
                differing.put(name, stock + " / " + byFast.get(name));
            }
        });
        assertThat(differing).as("stock / this resolver").isEmpty();
        assertThat(byFast).hasSameSizeAs(byStock);
        assertThat(byFast.get("ObservationStatus")).isEqualTo(Observation.ObservationStatus.class.getName());
        assertThat(byFast.get("NoSuchType")).startsWith("failed");
    }

    private static Map<String, String> resolveAll(R4FhirModelResolver resolver, List<String> names) {
        Map<String, String> resolved = new TreeMap<>();
        for (String name : names) {
            try {
                resolved.put(name, resolver.resolveType(name).getName());
            } catch (RuntimeException e) {
                resolved.put(name, "failed: " + e.getClass().getSimpleName());
            }
        }
        return resolved;
    }
}
