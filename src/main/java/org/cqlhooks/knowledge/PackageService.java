package org.cqlhooks.knowledge;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.PlanDefinition;

/**
 * A CDS service made from a PlanDefinition of a content package: an ECA rule whose action is triggered by the
 * patient-view named event. Discovery publishes the first five fields as for the own services.
 *
 * @param id the PlanDefinition's id
 * @param prefetch templates derived from the data requirements (the PlanDefinition's own, its library's declared
 *     ones, or those of the compiled CQL)
 * @param planDefinition the loaded PlanDefinition, read-only after start-up
 * @param origin the package and file it was read from
 */
public record PackageService(String id, String hook, String title, String description, Map<String, String> prefetch,
        PlanDefinition planDefinition, String origin) {

    public PackageService {
        prefetch = Collections.unmodifiableMap(new TreeMap<>(prefetch));
    }
}
