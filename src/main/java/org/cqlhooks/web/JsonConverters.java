package org.cqlhooks.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * This server's JSON is Jackson's. The CQL libraries bring kotlinx-serialization, and with it on the class path
 * Spring MVC puts its Kotlin serialization converters ahead of Jackson's, where they look for a serializer of every
 * request and answer type by reflection (nothing here is a Kotlin {@code @Serializable} class, so they never
 * apply): the first call loaded their whole runtime to find that out. They are taken out.
 */
@Configuration(proxyBeanMethods = false)
class JsonConverters implements WebMvcConfigurer {

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        // By name: their classes need kotlinx-serialization, which is only on the run-time class path.
        converters.removeIf(converter -> converter.getClass().getSimpleName().startsWith("KotlinSerialization"));
    }
}
