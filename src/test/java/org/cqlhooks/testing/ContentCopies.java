package org.cqlhooks.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cqlhooks.content.ContentProperties;

/**
 * Content folders copied for a test to change: the authoring test content ({@code src/test/resources/
 * authoring-content}: cql/, hooks/, fhir-resources/, cases/) or the project's own content, and the locations that
 * serve a copy.
 */
public final class ContentCopies {

    /** The small content written for the authoring tests (an anemia work-up and a medication-order count). */
    public static final Path AUTHORING = Path.of("src/test/resources/authoring-content");
    /** The same, on the classpath. */
    public static final ContentProperties AUTHORING_ON_CLASSPATH = new ContentProperties(
            "classpath:authoring-content/cql/", "classpath:authoring-content/hooks/",
            "classpath:authoring-content/fhir-resources/");

    private ContentCopies() {
    }

    /** Copies the folder {@code from} (recursively) to {@code to}. */
    public static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cql/, hooks/ and fhir-resources/ folders under {@code dir}, as {@code file:} locations. */
    public static ContentProperties locations(Path dir) {
        return new ContentProperties(location(dir.resolve("cql")), location(dir.resolve("hooks")),
                location(dir.resolve("fhir-resources")));
    }

    private static String location(Path folder) {
        return "file:" + folder.toAbsolutePath() + "/";
    }

    /** Replaces {@code from} by {@code to} in a file (which must hold it). */
    public static void edit(Path file, String from, String to) {
        try {
            String text = Files.readString(file);
            if (!text.contains(from)) {
                throw new AssertionError(file + " does not hold " + from);
            }
            Files.writeString(file, text.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
