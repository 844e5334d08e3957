package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.testing.ContentCopies;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose definition has no {@code prefetch} gets templates derived from what its library retrieves: the
 * authoring test content's AnemiaWorkup reads Observations by a code, Conditions by a ValueSet and the Patient's
 * gender; MedicationOrders reads every MedicationRequest.
 */
class DerivedPrefetchTest {

    @TempDir
    Path dir;

    @Test
    void retrievesByCodeAndByValueSetBecomeCodeLists() {
        LiveContent content = new LiveContent(TestContent.sources(ContentCopies.AUTHORING_ON_CLASSPATH));
        assertThat(content.catalog().find("anemia-workup").orElseThrow().prefetch()).containsExactly(
                entry("patient", "Patient?_id={{context.patientId}}"),
                entry("condition", "Condition?patient={{context.patientId}}"
                        + "&code=http%3A%2F%2Fhl7.org%2Ffhir%2Fsid%2Ficd-10-cm%7CD64.9,"
                        + "http%3A%2F%2Fsnomed.info%2Fsct%7C271737000"
                        + "&_count=1000"),
                entry("observation", "Observation?patient={{context.patientId}}&code=http%3A%2F%2Floinc.org%7C718-7"
                        + "&_count=1000"));
        assertThat(content.catalog().find("medication-orders").orElseThrow().prefetch()).containsExactly(
                entry("medicationRequest", "MedicationRequest?patient={{context.patientId}}"
                        + "&_include=MedicationRequest:medication&_count=1000"));
    }

    @Test
    void anExplicitPrefetchWins() {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        ContentCopies.edit(dir.resolve("hooks/anemia-workup.json"), "\"libraries\"",
                "\"prefetch\": {\"labs\": \"Observation?patient={{context.patientId}}"
                        + "&code=http%3A%2F%2Floinc.org%7C718-7\"},\n  \"libraries\"");
        LiveContent content = new LiveContent(TestContent.sources(ContentCopies.locations(dir)));
        assertThat(content.catalog().find("anemia-workup").orElseThrow().prefetch()).containsExactly(
                entry("labs", "Observation?patient={{context.patientId}}&code=http%3A%2F%2Floinc.org%7C718-7"));
        assertThat(content.catalog().find("medication-orders").orElseThrow().prefetch())
                .as("the other service still derives its own").containsKey("medicationRequest");
    }

    @Test
    void aTypeNoPatientSearchFindsStopsTheLoadNamingTheService() throws Exception {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        ContentCopies.edit(dir.resolve("cql/AnemiaWorkup.cql"), "define \"Is Female\":",
                "define \"Practitioners\":\n  [Practitioner]\n\ndefine \"Is Female\":");
        Files.delete(dir.resolve("hooks/medication-orders.json"));
        Files.delete(dir.resolve("hooks/cards/MedicationOrders.json"));
        ContentException failure = catchThrowableOfType(ContentException.class,
                () -> new LiveContent(TestContent.sources(ContentCopies.locations(dir))));
        assertThat(failure.problems()).containsExactly("hooks/anemia-workup.json: prefetch: the libraries read "
                + "Practitioner, which no search by patient finds: write this service's prefetch");
    }
}
