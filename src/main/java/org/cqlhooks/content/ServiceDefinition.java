package org.cqlhooks.content;

import java.util.List;
import java.util.Map;

/**
 * A CDS service as data: one hooks/&lt;id&gt;.json file. The first six fields are published at discovery; the
 * libraries and card rules say what the service evaluates and which cards it can return.
 *
 * @param includes ids of other services whose libraries, prefetch templates and cards this one also runs (a
 *     service that answers everything in one call); included services may not include others
 */
public record ServiceDefinition(String id, String hook, String title, String description, String usageRequirements,
        Map<String, String> prefetch, List<String> libraries, List<CardRule> cards, List<String> includes) {

    public boolean isComposite() {
        return includes != null && !includes.isEmpty();
    }

    /** The same service with these card rules (its own and those of its libraries' card files). */
    public ServiceDefinition withCards(List<CardRule> allCards) {
        return new ServiceDefinition(id, hook, title, description, usageRequirements, prefetch, libraries,
                List.copyOf(allCards), includes);
    }
}
