package org.cqlhooks.trust;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code jti} values seen, each kept until its token expires (2.0.1: jti "used to protect against replay
 * attacks"). Entries are bounded by token lifetime: expired ones are swept as new ones arrive.
 */
final class ReplayCache {

    private static final int SWEEP_EVERY = 1024;

    private final ConcurrentHashMap<String, Instant> seen = new ConcurrentHashMap<>();
    private final AtomicInteger inserts = new AtomicInteger();
    private final Clock clock;

    ReplayCache(Clock clock) {
        this.clock = clock;
    }

    /** Records the token; false when the same issuer's jti was already used and has not expired yet. */
    boolean firstUse(String issuer, String jti, Instant expires) {
        Instant now = clock.instant();
        if (inserts.incrementAndGet() % SWEEP_EVERY == 0) {
            seen.values().removeIf(exp -> exp.isBefore(now));
        }
        String key = issuer + "\n" + jti;
        Instant[] previous = new Instant[1];
        seen.compute(key, (k, old) -> {
            previous[0] = old;
            return old != null && !old.isBefore(now) ? old : expires;
        });
        return previous[0] == null || previous[0].isBefore(now);
    }
}
