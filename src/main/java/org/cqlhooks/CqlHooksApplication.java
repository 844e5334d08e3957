package org.cqlhooks;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CqlHooksApplication {

    public static void main(String[] args) {
        SpringApplication.run(CqlHooksApplication.class, args);
    }
}
