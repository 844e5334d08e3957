package org.cqlhooks.cql;

import ca.uhn.fhir.context.FhirContext;
import org.cqlhooks.content.ContentProperties;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts loading the content as soon as the configuration is read, before Spring builds the context: translating
 * the CQL and reading the ValueSets then run beside the rest of the start instead of after most of it. The
 * {@link ContentLoader} is registered as a bean; the served content's first version waits for it (the catalog's
 * LiveContent). Registered in META-INF/spring.factories, so every Spring Boot start (tests too) goes this one way;
 * the command line, which loads the content it is told to itself, leaves it out.
 */
public final class ContentPreload implements ApplicationListener<ApplicationPreparedEvent> {

    static final String BEAN = "contentLoader";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        ConfigurableApplicationContext context = event.getApplicationContext();
        if (context.getBeanFactory().containsSingleton(BEAN)) {
            return;
        }
        ContentProperties content = Binder.get(context.getEnvironment())
                .bindOrCreate("cds.content", ContentProperties.class);
        // The shared R4 context, the same instance the FhirContext bean hands out.
        context.getBeanFactory().registerSingleton(BEAN, new ContentLoader(content, context,
                FhirContext.forR4Cached()));
    }
}
