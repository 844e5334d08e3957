package org.cqlhooks;

import org.cqlhooks.cli.Cli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
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
