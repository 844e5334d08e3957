package org.cqlhooks.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.content.ServiceDefinition;

/**
 * A service ready to run: its definition (what discovery publishes), its compiled cards, and the CQL definitions
 * those cards read, grouped by library, so an evaluation computes only those.
 */
public record CdsService(ServiceDefinition definition, List<CompiledCard> cards,
        Map<String, Set<String>> definitionsByLibrary) {

    static CdsService of(ServiceDefinition definition, List<CompiledCard> cards) {
        Map<String, Set<String>> byLibrary = new LinkedHashMap<>();
        for (CompiledCard card : cards) {
            byLibrary.computeIfAbsent(card.library(), l -> new LinkedHashSet<>()).addAll(card.definitions());
        }
        byLibrary.replaceAll((library, names) -> Collections.unmodifiableSet(names));
        return new CdsService(definition, List.copyOf(cards), Collections.unmodifiableMap(byLibrary));
    }

    public String id() {
        return definition.id();
    }

    public String hook() {
        return definition.hook();
    }

    public Map<String, String> prefetch() {
        return definition.prefetch() == null ? Map.of() : definition.prefetch();
    }
}
