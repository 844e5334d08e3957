package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.cqlhooks.testing.ContentCopies;
import org.cqlhooks.testing.TestContent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload without a Spring context, on a copy of the authoring test content: each reload is a new snapshot, checked
 * whole; the compiled CQL and the terminology are kept (the same objects) when their folder has not changed, and of
 * a changed cql/ folder only the changed libraries are translated again; a reload that fails leaves the snapshot
 * serving and is remembered until one succeeds.
 */
class LiveContentTest {

    @TempDir
    Path dir;

    @Test
    void aReloadKeepsTheHalvesWhoseFilesAreUnchangedAndRebuildsTheOthers() {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        LiveContent content = new LiveContent(TestContent.sources(ContentCopies.locations(dir)));
        ContentSnapshot first = content.current();

        ContentCopies.edit(dir.resolve("hooks/cards/AnemiaWorkup.json"), "no anemia on record", "no anemia recorded");
        assertThat(content.reload().loaded()).isTrue();
        ContentSnapshot cardChanged = content.current();
        assertThat(cardChanged).isNotSameAs(first);
        assertThat(cardChanged.catalog().find("anemia-workup").orElseThrow().definition().cards().get(0).summary())
                .endsWith("no anemia recorded");
        assertThat(cardChanged.libraries()).as("cql/ unchanged").isSameAs(first.libraries());
        assertThat(cardChanged.terminology()).as("fhir-resources/ unchanged").isSameAs(first.terminology());

        ContentCopies.edit(dir.resolve("cql/AnemiaWorkup.cql"), "default 12.0", "default 11.5");
        assertThat(content.reload().loaded()).isTrue();
        ContentSnapshot cqlChanged = content.current();
        assertThat(cqlChanged.libraries()).as("cql/ changed").isNotSameAs(first.libraries());
        assertThat(cqlChanged.libraries().find("AnemiaWorkup")).as("the changed library, translated again").get()
                .isNotSameAs(first.libraries().find("AnemiaWorkup").orElseThrow());
        assertThat(cqlChanged.libraries().find("MedicationOrders")).as("an unchanged library, kept compiled").get()
                .isSameAs(first.libraries().find("MedicationOrders").orElseThrow());
        assertThat(cqlChanged.evaluator()).isNotSameAs(cardChanged.evaluator());
        assertThat(cqlChanged.terminology()).isSameAs(first.terminology());

        ContentCopies.edit(dir.resolve("fhir-resources/valuesets/AnemiaWorkup/anemia-conditions.json"),
                "\"code\": \"271737000\"", "\"code\": \"87522002\"");
        assertThat(content.reload().loaded()).isTrue();
        assertThat(content.current().terminology()).as("fhir-resources/ changed").isNotSameAs(first.terminology());
        assertThat(content.current().libraries()).isSameAs(cqlChanged.libraries());
    }

    @Test
    void aFailedReloadKeepsTheLastGoodSnapshotUntilOneSucceeds() {
        ContentCopies.copy(ContentCopies.AUTHORING, dir);
        LiveContent content = new LiveContent(TestContent.sources(ContentCopies.locations(dir)));
        ContentSnapshot good = content.current();

        ContentCopies.edit(dir.resolve("hooks/cards/AnemiaWorkup.json"), "\"when\": \"Is HGB-LOW Applicable\"",
                "\"when\": \"Is HGB-LOW Aplicable\"");
        ContentCopies.edit(dir.resolve("cql/MedicationOrders.cql"), "M.status = 'active'", "M.statis = 'active'");
        LiveContent.Reload failed = content.reload();
        assertThat(failed.loaded()).isFalse();
        // Both problems at once, though they are in different libraries and files.
        assertThat(failed.problems()).anySatisfy(p -> assertThat(p).startsWith(
                "library MedicationOrders (MedicationOrders.cql), line 16, column "))
                .contains("hooks/cards/AnemiaWorkup.json: cards[0].when: no definition \"Is HGB-LOW Aplicable\" in "
                        + "library AnemiaWorkup");
        assertThat(content.current()).isSameAs(good);
        assertThat(content.failure()).get().extracting(LiveContent.Failure::problems).isEqualTo(failed.problems());

        ContentCopies.edit(dir.resolve("hooks/cards/AnemiaWorkup.json"), "Aplicable", "Applicable");
        ContentCopies.edit(dir.resolve("cql/MedicationOrders.cql"), "M.statis", "M.status");
        assertThat(content.reload().loaded()).isTrue();
        assertThat(content.failure()).isEmpty();
        assertThat(content.current()).isNotSameAs(good);
    }
}
