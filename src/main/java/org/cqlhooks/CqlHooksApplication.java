package org.cqlhooks;

import org.cqlhooks.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.gson.GsonAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The server. Two auto-configurations are left out because nothing here uses what they make, and they cost start-up
 * time: a Gson instance (Gson is on the class path for a library's own use; this server's JSON is Jackson's) and
 * Tomcat's WebSocket container (no WebSocket endpoint).
 */
@SpringBootApplication(exclude = {GsonAutoConfiguration.class, WebSocketServletAutoConfiguration.class})
@ConfigurationPropertiesScan
public class CqlHooksApplication {

    /** Serves CDS Hooks; or, with {@code evaluate} or {@code test} first, runs that command and exits (README). */
    public static void main(String[] args) {
        if (Cli.isCommand(args)) {
            System.exit(Cli.run(args, CommandLineSettings::read, System.out, System.err));
        }
        SpringApplication.run(CqlHooksApplication.class, args);
    }
}
