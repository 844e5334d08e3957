package org.cqlhooks.cases;

import java.util.List;

/** What running one case found: nothing when it passed, else each difference from its expected.json. */
public record CaseResult(ClinicalCase clinicalCase, List<String> failures) {

    public CaseResult {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }

    /** {@code PASS service/case}, or {@code FAIL service/case: difference; difference}. */
    public String line() {
        return passed() ? "PASS " + clinicalCase : "FAIL " + clinicalCase + ": " + String.join("; ", failures);
    }
}
