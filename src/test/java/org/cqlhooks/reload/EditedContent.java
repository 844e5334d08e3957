package org.cqlhooks.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.content.ContentProperties;
import org.cqlhooks.testing.ContentCopies;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The copy of the authoring test content under target/ that ContentReloadTest serves and edits as an author would:
 * each edit of a test is put back after it, and the patients are the content's own cases.
 */
final class EditedContent {

    static final Path DIR = Path.of("target/reload-test-content").toAbsolutePath();

    private final List<Runnable> undo = new ArrayList<>();

    /** A fresh copy of the content; its locations, for the server's cds.content settings. */
    static ContentProperties copy() throws IOException {
        if (Files.exists(DIR)) {
            try (var files = Files.walk(DIR)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete());
            }
        }
        ContentCopies.copy(ContentCopies.AUTHORING, DIR);
        return ContentCopies.locations(DIR);
    }

    /** Replaces text in a content file (putting it back after the test); returns the line it was on. */
    int change(String file, String from, String to) {
        Path path = DIR.resolve(file);
        String before = read(path);
        int at = before.indexOf(from);
        assertThat(at).as("%s holds %s", file, from).isNotNegative();
        write(path, before.replace(from, to));
        undo.add(0, () -> write(path, before));
        return (int) before.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Deletes a content file (writing it back after the test). */
    void delete(String file) throws IOException {
        Path path = DIR.resolve(file);
        String text = Files.readString(path);
        Files.delete(path);
        undo.add(() -> write(path, text));
    }

    /** Puts every edited file back as it was. */
    void putBack() {
        undo.forEach(Runnable::run);
        undo.clear();
    }

    /** The resources of a case of the authoring test content. */
    static List<IBaseResource> patient(String caseName) {
        ClinicalCase found = ClinicalCase.read(new PathMatchingResourcePatternResolver(),
                "classpath:authoring-content/cases/").stream()
                .filter(c -> c.name().equals(caseName)).findFirst().orElseThrow();
        return found.resources(ZonedDateTime.now(ZoneOffset.UTC));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path path, String text) {
        try {
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
