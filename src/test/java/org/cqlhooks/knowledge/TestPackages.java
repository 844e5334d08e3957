package org.cqlhooks.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cqlhooks.testing.TestContent;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The test content packages, each loaded once per test JVM: the lab-safety IG as a source folder, the same IG as an
 * NPM package written for the tests, and the FERR-LOW PlanDefinition (a folder of plain FHIR JSON).
 */
public final class TestPackages {

    public static final Path IG_FOLDER = Path.of("src/test/resources/packages/lab-safety-ig");
    public static final String IG_LOCATION = "classpath:packages/lab-safety-ig";
    public static final String FERRITIN_LOCATION = "classpath:packages/ferritin-plan";

    private static ContentPackages folder;
    private static ContentPackages npm;
    private static Path tgz;

    private TestPackages() {
    }

    /** The lab-safety IG folder and the FERR-LOW folder. */
    public static synchronized ContentPackages folder() {
        if (folder == null) {
            folder = load(List.of(IG_LOCATION, FERRITIN_LOCATION));
        }
        return folder;
    }

    /** The lab-safety IG as an NPM package. */
    public static synchronized ContentPackages npm() {
        if (npm == null) {
            npm = load(List.of("file:" + tgz().toAbsolutePath()));
        }
        return npm;
    }

    /** The lab-safety IG written as an NPM package (once per JVM, in a temporary folder). */
    public static synchronized Path tgz() {
        if (tgz == null) {
            try {
                Path dir = Files.createTempDirectory("cql-hooks-npm");
                dir.toFile().deleteOnExit();
                tgz = NpmPackageWriter.write(IG_FOLDER, dir.resolve("example.lab-safety-1.0.0.tgz"),
                        "example.lab-safety");
                tgz.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return tgz;
    }

    public static ContentPackages load(List<String> locations) {
        return ContentPackages.load(new ContentPackages.Inputs(locations, "classpath:content/cql/",
                TestContent.terminology(), Map.of(), TestContent.FHIR, new PathMatchingResourcePatternResolver(),
                List.of()));
    }
}
