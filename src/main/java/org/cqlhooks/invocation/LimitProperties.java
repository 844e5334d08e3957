package org.cqlhooks.invocation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What one request may carry, so no request can exhaust memory or threads.
 *
 * @param maxBodySize request body size (413 above)
 * @param maxNestingDepth JSON nesting depth of a request (400 above)
 * @param maxStringLength length of one JSON string in a request, in characters (400 above)
 * @param maxPrefetchResources resources in the request's prefetch, all keys together (400 above)
 * @param maxConcurrentCalls service calls evaluated at once; unset: twice the number of cores
 * @param maxQueuedCalls service calls that may wait for one of those places; unset: as many as maxConcurrentCalls
 * @param queueWait the longest a call waits in that queue
 * @param retryAfter the Retry-After sent with the 503 when the calls in flight and the queue are full
 */
@ConfigurationProperties("cds.limits")
public record LimitProperties(
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue("100") int maxNestingDepth,
        @DefaultValue("5000000") int maxStringLength,
        @DefaultValue("10000") int maxPrefetchResources,
        Integer maxConcurrentCalls,
        Integer maxQueuedCalls,
        @DefaultValue("1s") Duration queueWait,
        @DefaultValue("1s") Duration retryAfter) {

    public LimitProperties {
        if (maxConcurrentCalls != null && maxConcurrentCalls < 1) {
            throw new IllegalArgumentException("cds.limits.max-concurrent-calls must be at least 1");
        }
        if (maxQueuedCalls != null && maxQueuedCalls < 0) {
            throw new IllegalArgumentException("cds.limits.max-queued-calls must not be negative");
        }
    }

    /** Calls in flight at most: the setting, or twice the cores (a call also waits on the FHIR server). */
    public int concurrentCalls() {
        return maxConcurrentCalls != null ? maxConcurrentCalls : 2 * Runtime.getRuntime().availableProcessors();
    }

    /** Calls waiting at most for a place. */
    public int queuedCalls() {
        return maxQueuedCalls != null ? maxQueuedCalls : concurrentCalls();
    }
}
