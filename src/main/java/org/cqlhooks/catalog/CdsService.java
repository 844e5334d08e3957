package org.cqlhooks.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.content.ServiceDefinition;
import org.cqlhooks.wire.Coding;

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

    /** The override reasons the card {@code cardId} offers; none for a card the service does not have. */
    public List<Coding> overrideReasons(String cardId) {
        return cards.stream().filter(c -> c.id().equals(cardId)).findFirst().map(CompiledCard::overrideReasons)
                .orElse(List.of());
    }

    public Map<String, String> prefetch() {
        return definition.prefetch() == null ? Map.of() : definition.prefetch();
    }
}
