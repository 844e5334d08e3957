package org.cqlhooks.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The test IG read as a source folder and as an NPM package gives the same services: its ECA rules on
 * patient-view (not the order-sign one), with title, description and prefetch from the CQL's data requirements.
 */
class PackageLoadingTest {

    private static final String LOINC = "http%3A%2F%2Floinc.org%7C";

    @Test
    void theIgFolderServesItsPatientViewEcaRules() {
        ContentPackages packages = TestPackages.folder();
        assertThat(packages.all()).extracting(PackageService::id)
                .containsExactly("anemia-screening", "ferritin-low", "kidney-function");
        PackageService anemia = packages.find("anemia-screening").orElseThrow();
        assertThat(anemia.hook()).isEqualTo("patient-view");
        assertThat(anemia.title()).isEqualTo("Anemia screening from hemoglobin");
        assertThat(anemia.description()).startsWith("Flags a hemoglobin below the WHO anemia threshold");
        assertThat(anemia.prefetch()).isEqualTo(Map.of(
                "patient", "Patient?_id={{context.patientId}}",
                "observation", "Observation?patient={{context.patientId}}&code=" + LOINC + "20509-6," + LOINC
                        + "718-7"));
        assertThat(packages.find("kidney-function").orElseThrow().prefetch().get("observation"))
                .as("the whole local CodeSystem the eGFR ValueSet includes")
                .endsWith("%7CEGFR-LOCAL").contains(LOINC + "98979-8");
        assertThat(packages.find("kidney-order-sign")).as("an order-sign rule is not a patient-view service")
                .isEmpty();
        assertThat(packages.find("ferritin-low").orElseThrow().prefetch().get("observation"))
                .as("prefetch of the bundled Iron library's retrieves").contains(LOINC + "2276-4");
    }

    @Test
    void theSameIgAsAnNpmPackageServesTheSameServices() {
        ContentPackages folder = TestPackages.folder();
        ContentPackages npm = TestPackages.npm();
        assertThat(npm.all()).extracting(PackageService::id).containsExactly("anemia-screening", "kidney-function");
        for (PackageService service : npm.all()) {
            PackageService same = folder.find(service.id()).orElseThrow();
            assertThat(service.title()).isEqualTo(same.title());
            assertThat(service.description()).isEqualTo(same.description());
            assertThat(service.prefetch()).isEqualTo(same.prefetch());
            assertThat(service.origin()).startsWith("file:").contains(".tgz!/package/PlanDefinition-");
        }
    }
}
