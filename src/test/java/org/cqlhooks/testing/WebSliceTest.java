package org.cqlhooks.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.cqlhooks.WebSliceBeans;
import org.cqlhooks.feedback.FeedbackService;
import org.cqlhooks.governance.CardAnalytics;
import org.cqlhooks.invocation.InvocationService;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The web tier alone: every controller, the error handling ({@code ErrorResponses}), the HTTP filters (body size,
 * call limit, call log, call metrics) and the real security chains in development mode, through MockMvc, with the
 * services behind the controllers (invocation, feedback, analytics) as Mockito mocks that each test tells what to
 * answer or throw. All slice tests use this one annotation, so they share one small cached Spring context without
 * database, FHIR client or evaluation; the content is the bundled one as {@link TestContent} loads it once per
 * test JVM. The body limit is lowered to 128 KB so a 413 needs no large body.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(properties = "cds.limits.max-body-size=128KB")
@Import(WebSliceBeans.class)
@MockitoBean(types = {InvocationService.class, FeedbackService.class, CardAnalytics.class})
public @interface WebSliceTest {
}
