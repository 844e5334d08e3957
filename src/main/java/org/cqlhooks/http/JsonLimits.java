package org.cqlhooks.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.cqlhooks.invocation.LimitProperties;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * JSON nesting depth and string length of requests ({@code cds.limits}), enforced by Jackson while it parses, so a
 * hostile document is refused before it is built in memory.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonReadLimits(LimitProperties limits) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxStringLength())
                .build();
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(constraints));
    }
}
