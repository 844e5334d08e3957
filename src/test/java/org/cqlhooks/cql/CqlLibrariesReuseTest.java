package org.cqlhooks.cql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.content.ContentScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What a reload translates again: nothing when cql/ is unchanged; a changed library alone; a changed shared library
 * and every library that includes it, directly or through another, while a library that does not include it stays
 * compiled.
 */
class CqlLibrariesReuseTest {

    private static final String HEADER = "using FHIR version '4.0.1'\n"
            + "include FHIRHelpers version '4.0.1' called FHIRHelpers\n";

    @TempDir
    Path dir;
    private final PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();

    private ContentProperties content() {
        return new ContentProperties("file:" + dir + "/", "file:" + dir + "/hooks/", "file:" + dir + "/fhir/");
    }

    private void write(String library, String body) throws IOException {
        Files.writeString(dir.resolve(library + ".cql"), "library " + library + " version '1'\n" + HEADER + body);
    }

    private static CompiledLibrary of(CqlLibraries libraries, String name) {
        return libraries.find(name).orElseThrow();
    }

    @Test
    void onlyChangedLibrariesAndThoseIncludingThemAreTranslatedAgain() throws IOException {
        write("Common", "define \"Limit\": 12\n");
        write("Middle", "include Common version '1' called Common\ndefine \"Twice\": Common.\"Limit\" * 2\n");
        write("Family", "include Middle version '1' called Middle\ndefine \"Value\": Middle.\"Twice\" + 1\n");
        write("Alone", "define \"Other\": 3\n");
        CqlLibraries first = new CqlLibraries(content(), resolver);
        assertThat(first.problems()).isEmpty();

        assertThat(CqlLibraries.reusing(content(), ContentScope.ALL, resolver, first)).as("cql/ unchanged").isSameAs(first);

        write("Alone", "define \"Other\": 4\n");
        CqlLibraries aloneChanged = CqlLibraries.reusing(content(), ContentScope.ALL, resolver, first);
        assertThat(aloneChanged).isNotSameAs(first);
        assertThat(of(aloneChanged, "Alone")).isNotSameAs(of(first, "Alone"));
        for (String kept : new String[] {"Common", "Middle", "Family"}) {
            assertThat(of(aloneChanged, kept)).as(kept).isSameAs(of(first, kept));
        }

        write("Common", "define \"Limit\": 13\n");
        CqlLibraries commonChanged = CqlLibraries.reusing(content(), ContentScope.ALL, resolver, aloneChanged);
        assertThat(commonChanged.problems()).isEmpty();
        for (String translated : new String[] {"Common", "Middle", "Family"}) {
            assertThat(of(commonChanged, translated)).as(translated).isNotSameAs(of(aloneChanged, translated));
        }
        assertThat(of(commonChanged, "Alone")).isSameAs(of(aloneChanged, "Alone"));
        assertThat(commonChanged.expression("Family", "Value")).isPresent();
    }
}
