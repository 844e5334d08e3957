package org.cqlhooks.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole server as it starts by default (development mode, the bundled content), on a random port and through
 * MockMvc. Every test class that needs no other setting uses this one annotation, so they all share one cached Spring
 * context: a test that needs a setting of its own declares its own {@code @SpringBootTest} (and pays for a context).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
public @interface ServerTest {
}
