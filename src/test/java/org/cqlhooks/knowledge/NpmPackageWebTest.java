package org.cqlhooks.knowledge;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The test IG as an NPM package written for the tests, over HTTP. */
class NpmPackageWebTest extends PackageServicesWebTests {

    @DynamicPropertySource
    static void packages(DynamicPropertyRegistry registry) {
        registry.add("cds.content.packages[0]", () -> "file:" + TestPackages.tgz().toAbsolutePath());
    }
}
