package org.cqlhooks;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.cqlhooks.catalog.CardProperties;
import org.cqlhooks.cli.CliSettings;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.cql.ContentPreload;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.knowledge.PackageProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The server's configuration for a command of the command line, read by Spring Boot exactly as the server reads it
 * (application.yml in the jar and the working directory, environment variables, {@code --name=value} settings), in a
 * context that holds only the JSON mapper, the content, package, CQL and card settings and the FHIR context: no web
 * server, no security, no database, no content loaded. Logging goes to stderr (warnings and errors only), so stdout
 * carries only the answer.
 */
final class CommandLineSettings {

    private CommandLineSettings() {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ContentProperties.class, PackageProperties.class, CqlProperties.class,
        CardProperties.class})
    @ImportAutoConfiguration(JacksonAutoConfiguration.class)
    @Import(FhirConfig.class)
    static class Settings {
    }

    static CliSettings read(List<String> settings) {
        SpringApplication application = new SpringApplication(Settings.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        application.setRegisterShutdownHook(false);
        // The command loads the content it is pointed at (--content) itself: no preload of the configured content.
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof ContentPreload)).toList());
        List<String> args = new ArrayList<>(settings);
        args.add("--logging.config=classpath:cli-logback.xml");
        // Left open: the command runs in this process and exits with it; closing would reset the logging set up.
        ConfigurableApplicationContext context = application.run(args.toArray(String[]::new));
        return new CliSettings(context.getBean(ObjectMapper.class), context.getBean(ContentProperties.class),
                context.getBean(PackageProperties.class).packages(), context.getBean(CqlProperties.class),
                context.getBean(CardProperties.class), context.getBean(FhirContext.class));
    }
}
