package org.cqlhooks.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A development-mode server whose site has set its own values where the defaults would hide what a test checks, all
 * in one configuration so the test classes of these settings share one cached Spring context: tight request and
 * FHIR-client limits (LimitsTest), the content's site parameters written the ways configuration allows
 * (SiteParametersWebTest: FM-2010-LIKELY and VITD-FUNC on, a 14-day opioid and a 21-day long-acting opioid washout),
 * and the demo FHIR server on two small test Bundles (DemoFhirServerTest). None of the settings touches the others'
 * data: the limits are far above what the parameter cases and the demo patients send or fetch.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "cds.limits.max-body-size=1MB", "cds.limits.max-string-length=100000", "cds.limits.max-prefetch-resources=50",
    "cds.fhir-client.max-pages=5", "cds.fhir-client.max-response-size=64KB",
    "cds.cql.parameters.EnableACR2010Criteria=true", "cds.cql.parameters.opioid-washout-days=14",
    "cds.cql.parameters.LONG_ACTING_OPIOID_WASHOUT_DAYS=21", "cds.cql.parameters.enable-vitd-func=true",
    "cds.demo.patients=classpath:demo-patients/"})
@AutoConfigureMockMvc
public @interface SiteSettingsTest {
}
