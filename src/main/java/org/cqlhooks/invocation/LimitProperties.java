package org.cqlhooks.invocation;

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
 */
@ConfigurationProperties("cds.limits")
public record LimitProperties(
        @DefaultValue("10MB") DataSize maxBodySize,
        @DefaultValue("100") int maxNestingDepth,
        @DefaultValue("5000000") int maxStringLength,
        @DefaultValue("10000") int maxPrefetchResources) {
}
