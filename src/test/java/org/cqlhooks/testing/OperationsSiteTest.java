package org.cqlhooks.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The development-mode server of the operations tests, one cached Spring context for all of them: the one-rule
 * test service {@code ops-probe} (src/test/resources/ops-content) instead of the bundled content, the demo off,
 * metrics with the Prometheus registry (Spring's tests turn it off unless asked), a pod network allowed on
 * {@code /actuator/*} (OperationsAddressesTest), and back-pressure with a deliberately small bound, one call in
 * flight and one waiting, with FHIR time-outs long enough for a test holding a call in flight on a busy machine
 * (CallLimitTest). Discovery, feedback and the probes are not bounded, and the tests run one at a time, so the
 * bound touches no other test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "cds.content.cql=classpath:ops-content/cql/", "cds.content.hooks=classpath:ops-content/hooks/",
    "cds.demo.enabled=false", "cds.security.operations.allowed-addresses=10.1.0.0/16,fd00:1::/64",
    "cds.limits.max-concurrent-calls=1", "cds.limits.max-queued-calls=1", "cds.limits.queue-wait=5m",
    "cds.limits.retry-after=3s", "cds.fhir-client.read-timeout=2m", "cds.fhir-client.deadline=2m"})
@AutoConfigureMockMvc
public @interface OperationsSiteTest {
}
