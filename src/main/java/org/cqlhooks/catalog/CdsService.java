package org.cqlhooks.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.content.ServiceDefinition;
import org.cqlhooks.prefetch.ReadSet;

/**
 * A service ready to run: its definition (what discovery publishes), its compiled cards, the CQL definitions
 * those cards read, grouped by library, so an evaluation computes only those, and the resources its libraries can
 * read at all, so a request's others are left unread.
 */
public record CdsService(ServiceDefinition definition, List<CompiledCard> cards,
        Map<String, Set<String>> definitionsByLibrary, ReadSet reads) {

    /** A service whose libraries' reads are not known: it reads every resource. */
    static CdsService of(ServiceDefinition definition, List<CompiledCard> cards) {
        return of(definition, cards, libraries -> ReadSet.EVERYTHING);
    }

    /** @param reads what the named libraries can read */
    static CdsService of(ServiceDefinition definition, List<CompiledCard> cards,
            Function<Set<String>, ReadSet> reads) {
        Map<String, Set<String>> byLibrary = new LinkedHashMap<>();
        for (CompiledCard card : cards) {
            byLibrary.computeIfAbsent(card.library(), l -> new LinkedHashSet<>()).addAll(card.definitions());
        }
        byLibrary.replaceAll((library, names) -> Collections.unmodifiableSet(names));
        return new CdsService(definition, List.copyOf(cards), Collections.unmodifiableMap(byLibrary),
                reads.apply(byLibrary.keySet()));
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
