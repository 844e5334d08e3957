package org.cqlhooks.content;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints broken content as one plain message at start-up instead of a wall of bean-creation stack traces. */
class ContentFailureAnalyzer extends AbstractFailureAnalyzer<ContentException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ContentException cause) {
        return new FailureAnalysis(
                "The content (cds.content.* locations, bundled by default) is broken:\n" + cause.getMessage(),
                "Fix each file or setting named above (cql/, hooks/, fhir-resources/, a cds.content.packages package, cds.cql.parameters or "
                        + "cds.content.external-code-systems; every problem found is listed) and start again.", cause);
    }
}
