package org.cqlhooks.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;

/**
 * The embedded server's data, fixed at start: resources by type and id, in the order the files list them. Read-only,
 * so any number of requests can share it; callers get copies, never the stored resources.
 */
final class ResourceStore {

    private final Map<String, Map<String, Resource>> byType = new LinkedHashMap<>();

    ResourceStore(List<Resource> resources) {
        for (Resource resource : resources) {
            byType.computeIfAbsent(resource.fhirType(), t -> new LinkedHashMap<>()).put(resource.getIdPart(), resource);
        }
    }

    Set<String> types() {
        return byType.keySet();
    }

    /** Copies of every resource of a type. */
    List<Resource> all(String type) {
        return byType.getOrDefault(type, Map.of()).values().stream().map(Resource::copy).toList();
    }

    /** A copy of one resource, or null. */
    Resource get(String type, String id) {
        Resource stored = byType.getOrDefault(type, Map.of()).get(id);
        return stored == null ? null : stored.copy();
    }
}
