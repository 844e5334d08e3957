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
import org.cqlhooks.knowledge.PackageService;
import org.cqlhooks.prefetch.ReadSet;
import org.cqlhooks.wire.Coding;

/**
 * A service ready to run: its definition (what discovery publishes), its compiled cards, the CQL definitions
 * those cards read, grouped by library, so an evaluation computes only those, and the resources its libraries can
 * read at all, so a request's others are left unread. A service made from a content package's PlanDefinition has no
 * cards of its own: {@code planDefinition} runs it, and it reads every resource.
 *
 * @param planDefinition the package service, or null for a hooks/*.json service
 */
public record CdsService(ServiceDefinition definition, List<CompiledCard> cards,
        Map<String, Set<String>> definitionsByLibrary, PackageService planDefinition, ReadSet reads) {

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
        return new CdsService(definition, List.copyOf(cards), Collections.unmodifiableMap(byLibrary), null,
                reads.apply(byLibrary.keySet()));
    }

    /** A package service, described as discovery publishes a service; its reads are its package's, so all. */
    static CdsService of(PackageService service) {
        ServiceDefinition definition = new ServiceDefinition(service.id(), service.hook(), service.title(),
                service.description(), null, service.prefetch(), List.of(), List.of(), null);
        return new CdsService(definition, List.of(), Map.of(), service, ReadSet.EVERYTHING);
    }

    /** Whether a content package's PlanDefinition runs this service (else its hooks/*.json cards do). */
    public boolean isPlanDefinition() {
        return planDefinition != null;
    }

    public String id() {
        return definition.id();
    }

    public String hook() {
        return definition.hook();
    }

    /** The override reasons the card {@code cardId} offers; none for a card the service does not have. */
    public List<Coding> overrideReasons(String cardId) {
        if (planDefinition != null) {
            return planDefinition.overrideReasons(cardId);
        }
        return cards.stream().filter(c -> c.id().equals(cardId)).findFirst().map(CompiledCard::overrideReasons)
                .orElse(List.of());
    }

    public Map<String, String> prefetch() {
        return definition.prefetch() == null ? Map.of() : definition.prefetch();
    }
}
