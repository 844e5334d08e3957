package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.content.ContentScope;
import org.cqlhooks.cql.CqlProperties;
import org.cqlhooks.testing.ContentCopies;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The content one service needs ({@code evaluate}): its hooks file and those it includes, the libraries they run with
 * their includes, their card files; checked as at start-up, so its problems are exactly the whole content's problems
 * that concern the service, all of them at once; another library's problem does not stop it. On a copy of the
 * authoring test content (two services, each its own library), and on the bundled content for the includes.
 */
class OneServiceLoadTest {

    private static final PathMatchingResourcePatternResolver RESOLVER = new PathMatchingResourcePatternResolver();

    @TempDir
    Path dir;

    @Test
    void aServiceLoadsWhileAnotherServicesLibraryIsBroken() {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        ContentCopies.edit(dir.resolve("cql/AnemiaWorkup.cql"), "Patient.gender", "Patient.gendr");
        ContentSources whole = TestContent.sources(ContentCopies.locations(dir));

        ContentSnapshot medications = ContentSnapshot.load(whole.only(scope("medication-orders")));
        assertThat(medications.catalog().all()).extracting(CdsService::id).containsExactly("medication-orders");
        assertThat(medications.libraries().all()).containsOnlyKeys("MedicationOrders");

        assertThat(catchThrowableOfType(() -> ContentSnapshot.load(whole), ContentException.class).problems())
                .as("the whole content, as the server's start and test load it").singleElement().asString()
                .startsWith("library AnemiaWorkup (AnemiaWorkup.cql), line 24, column ");
    }

    @Test
    void theServicesOwnProblemsAreTheWholeContentsThatConcernIt() {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        ContentCopies.edit(dir.resolve("cql/AnemiaWorkup.cql"), "Patient.gender", "Patient.gendr");
        ContentCopies.edit(dir.resolve("cql/MedicationOrders.cql"), "M.status = 'active'", "M.statis = 'active'");
        ContentCopies.edit(dir.resolve("hooks/medication-orders.json"), "\"hook\": \"patient-view\"",
                "\"hook\": \"patient-vue\"");
        ContentSources whole = TestContent.sources(ContentCopies.locations(dir));
        List<String> all = catchThrowableOfType(() -> ContentSnapshot.load(whole), ContentException.class)
                .problems();
        assertThat(all).hasSize(3);

        List<String> own = catchThrowableOfType(() -> ContentSnapshot.load(whole.only(scope("medication-orders"))),
                ContentException.class).problems();
        assertThat(own).as("every problem of the service, its CQL and its hooks file, in the same order")
                .hasSize(2).isEqualTo(all.stream().filter(p -> !p.contains("AnemiaWorkup")).toList());
    }

    @Test
    void aServiceNeedsTheLibrariesItsLibrariesIncludeAndACompositeTheServicesItIncludes() {
        ContentScope naltrexone = ContentScope.ofService("naltrexone-opioid-safety", TestContent.CONTENT, RESOLVER);
        assertThat(naltrexone.services()).containsExactly("naltrexone-opioid-safety");
        assertThat(naltrexone.libraries()).containsExactly("NaltrexoneOpioidSafety");
        ContentSnapshot loaded = ContentSnapshot.load(TestContent.sources(TestContent.CONTENT).only(naltrexone));
        assertThat(loaded.libraries().all()).as("with the libraries it includes, and theirs")
                .containsOnlyKeys("NaltrexoneOpioidSafety", "PainCdsCommon", "PainCdsConfig");

        ContentScope all = ContentScope.ofService("pain-cds-all", TestContent.CONTENT, RESOLVER);
        assertThat(all.services()).containsExactlyInAnyOrder("pain-cds-all", "naltrexone-opioid-safety",
                "fibromyalgia-workup", "pain-lab-panel");
        assertThat(all.libraries()).containsExactlyInAnyOrderElementsOf(
                TestContent.libraries().all().keySet().stream()
                        .filter(name -> !name.startsWith("PainCds")).toList());
    }

    @Test
    void aSiteSettingNamingNoParameterOfTheServiceLoadsTheWholeContent() {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        ContentProperties locations = ContentCopies.locations(dir);
        ContentSnapshot loaded = ContentSnapshot.load(withSetting(locations, "hemoglobin-threshold", "10.5")
                .only(scope("medication-orders")));
        assertThat(loaded.libraries().all()).as("the setting is another library's: whole, and checked so")
                .containsOnlyKeys("AnemiaWorkup", "MedicationOrders");
        assertThat(loaded.parameters().values()).containsKey("AnemiaWorkup.Hemoglobin Threshold");

        assertThat(catchThrowableOfType(() -> ContentSnapshot.load(withSetting(locations, "hemoglobin-treshold", "10.5")
                .only(scope("medication-orders"))), ContentException.class).problems())
                .containsExactly("cds.cql.parameters.hemoglobin-treshold names no CQL parameter in the bundled "
                        + "libraries");
    }

    private ContentScope scope(String service) {
        return ContentScope.ofService(service, ContentCopies.locations(dir), RESOLVER);
    }

    private static ContentSources withSetting(ContentProperties locations, String name, String value) {
        return new ContentSources(locations, List.of(), new CqlProperties(Map.of(name, value)),
                new CardProperties(List.of()), RESOLVER, TestContent.FHIR, Clock.systemUTC());
    }
}
