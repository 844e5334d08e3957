package org.cqlhooks.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cqlhooks.cases.CaseChecks;

/**
 * What every content card must be, in every tier, as the case runner checks it ({@link CaseChecks}): readable
 * (records named by what they are, never by a resource id such as {@code Observation/abc-123}; those go to the
 * evidence extension), labelled with one of the evidence labels the README lists ("Bundled content") verbatim, and
 * naming its source once.
 */
public final class CardChecks {

    /** The evidence labels the README lists; no variants. */
    public static final Set<String> EVIDENCE_LABELS = CaseChecks.EVIDENCE_LABELS;

    /** {@code Type/id} for any FHIR R4 resource type, the shape of a reference. */
    public static final Pattern RESOURCE_ID = CaseChecks.RESOURCE_ID;

    private CardChecks() {
    }

    public static void assertReadable(String what, String summary, String detail, String label, String sourceLabel) {
        assertThat(CaseChecks.readable(what, summary, detail, label, sourceLabel)).as(what).isEmpty();
    }

    /** Every evidence reference is a reference to one of the records the call sent. */
    public static void assertReferencesRecords(String what, List<String> references, Set<String> records) {
        assertThat(CaseChecks.recordsOfTheCall(what, references, records)).as(what).isEmpty();
    }
}
