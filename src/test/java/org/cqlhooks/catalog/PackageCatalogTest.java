package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.knowledge.ContentPackages;
import org.cqlhooks.knowledge.TestPackages;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The catalogue serves the packages' services beside the own ones, and never two services with one id. */
class PackageCatalogTest {

    private static final ContentProperties BUNDLED = new ContentProperties("classpath:content/cql/",
            "classpath:content/hooks/", "classpath:content/fhir-resources/");

    @TempDir
    Path folder;

    private static ServiceCatalog catalog(ContentPackages packages) {
        return new ServiceCatalog(BUNDLED, new PathMatchingResourcePatternResolver(), TestContent.libraries(),
                packages);
    }

    @Test
    void packageServicesSitBesideTheOwnOnes() {
        ServiceCatalog catalog = catalog(TestPackages.folder());
        assertThat(catalog.all()).extracting(CdsService::id).isSorted()
                .contains("anemia-screening", "ferritin-low", "kidney-function", "pain-lab-panel", "pain-cds-all");
        CdsService anemia = catalog.find("anemia-screening").orElseThrow();
        assertThat(anemia.isPlanDefinition()).isTrue();
        assertThat(anemia.hook()).isEqualTo("patient-view");
        assertThat(anemia.definition().title()).isEqualTo("Anemia screening from hemoglobin");
        assertThat(anemia.prefetch()).containsOnlyKeys("patient", "observation");
        assertThat(anemia.cards()).isEmpty();
        assertThat(catalog.find("pain-lab-panel").orElseThrow().isPlanDefinition()).isFalse();
    }

    @Test
    void aPlanDefinitionWithAnOwnServicesIdStopsTheStart() throws IOException {
        Files.writeString(folder.resolve("PlanDefinition-pain-lab-panel.json"), """
                {"resourceType": "PlanDefinition", "id": "pain-lab-panel", "url": "http://x.org/PlanDefinition/p",
                 "type": {"coding": [{"code": "eca-rule"}]}, "status": "active",
                 "library": ["http://x.org/Library/FerritinLowPlan"],
                 "action": [{"id": "a", "title": "A", "trigger": [{"type": "named-event", "name": "patient-view"}],
                   "condition": [{"kind": "applicability",
                     "expression": {"language": "text/cql-identifier", "expression": "Is FERR-LOW Applicable"}}]}]}""");
        ContentPackages packages = TestPackages.load(List.of(TestPackages.FERRITIN_LOCATION, "file:" + folder));

        // Collected with every other content problem; ContentCheck then stops the start listing them all.
        assertThat(catalog(packages).problems()).anySatisfy(problem -> assertThat(problem)
                .contains("PlanDefinition-pain-lab-panel.json: PlanDefinition id 'pain-lab-panel' is "
                        + "also the id of the service hooks/pain-lab-panel.json"));
    }
}
