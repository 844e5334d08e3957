package org.cqlhooks.demo;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;

/** The demo page's own security chain for the web slice: this machine only, its Content-Security-Policy. */
@TestConfiguration(proxyBeanMethods = false)
@Import(DemoSecurityConfig.class)
public class DemoLayer {
}
