package org.cqlhooks.wire;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hooks this server knows, with the context fields each requires and the fields usable as prefetch tokens
 * (from each hook's page at cds-hooks.hl7.org). A service may only be registered for a known hook.
 */
public final class Hooks {

    /**
     * One hook's context.
     *
     * @param required context fields the client must send
     * @param tokens context fields usable as {@code {{context.<field>}}} prefetch tokens
     */
    public record Hook(String name, Set<String> required, Set<String> tokens) {
    }

    private static final Map<String, Hook> KNOWN = Map.of(
            "patient-view", new Hook("patient-view", Set.of("userId", "patientId"),
                    Set.of("userId", "patientId", "encounterId")),
            "order-select", new Hook("order-select", Set.of("userId", "patientId", "selections", "draftOrders"),
                    Set.of("userId", "patientId", "encounterId")),
            "order-sign", new Hook("order-sign", Set.of("userId", "patientId", "draftOrders"),
                    Set.of("userId", "patientId", "encounterId")),
            "encounter-start", new Hook("encounter-start", Set.of("userId", "patientId", "encounterId"),
                    Set.of("userId", "patientId", "encounterId")),
            "encounter-discharge", new Hook("encounter-discharge", Set.of("userId", "patientId", "encounterId"),
                    Set.of("userId", "patientId", "encounterId")));

    private Hooks() {
    }

    public static Optional<Hook> find(String name) {
        return Optional.ofNullable(KNOWN.get(name));
    }

    public static Set<String> names() {
        return KNOWN.keySet();
    }
}
