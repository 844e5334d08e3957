package org.cqlhooks.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cqlhooks.CqlHooksApplication;
import org.cqlhooks.content.ContentException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Content that cannot evaluate never starts (README, "Checked at start-up"). Each test copies the bundled content, makes one
 * kind of mistake in it (twice, in different files), starts the application on the copy as a site would
 * ({@code cds.content.*}), and checks that the start fails with one message naming every problem: file, library,
 * line and the unknown URL or name.
 */
@ExtendWith(OutputCaptureExtension.class)
class BrokenContentStartupTest {

    @TempDir
    Path dir;

    /** The bundled cql/, hooks/ and fhir-resources/ copied under {@code dir}. */
    private void copyContent() throws IOException {
        for (String folder : List.of("cql", "hooks", "fhir-resources")) {
            Path from = Path.of(folder);
            try (Stream<Path> files = Files.walk(from)) {
                files.forEach(file -> {
                    try {
                        Path to = dir.resolve(from.relativize(file).toString().isEmpty() ? folder
                                : folder + "/" + from.relativize(file));
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(file, to);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** Replaces {@code from} by {@code to} in a copied file; returns the 1-based line it was on. */
    private int edit(String file, String from, String to) throws IOException {
        Path path = dir.resolve(file);
        String text = Files.readString(path);
        int at = text.indexOf(from);
        assertThat(at).as("%s holds %s", file, from).isNotNegative();
        Files.writeString(path, text.replace(from, to));
        return (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    /** Starts the application on the copy; returns the content failure it stops with. */
    private ContentException startFails(String... properties) {
        Throwable failure = catchThrowable(() -> start(properties).close());
        assertThat(failure).as("the start fails").isNotNull();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ContentException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a content failure in %s", failure).isInstanceOf(ContentException.class);
        return (ContentException) cause;
    }

    private ConfigurableApplicationContext start(String... properties) {
        List<String> all = new ArrayList<>(List.of("server.port=0",
                "cds.content.cql=file:" + dir.resolve("cql") + "/",
                "cds.content.hooks=file:" + dir.resolve("hooks") + "/",
                "cds.content.fhir-resources=file:" + dir.resolve("fhir-resources") + "/"));
        all.addAll(List.of(properties));
        // As command-line arguments, which override application.yml as a site's own settings do.
        return new SpringApplicationBuilder(CqlHooksApplication.class)
                .run(all.stream().map(p -> "--" + p).toArray(String[]::new));
    }

    @Test
    void anUnknownValueSetUrlNamesFileLibraryLineAndUrl(CapturedOutput output) throws IOException {
        copyContent();
        int ntx = edit("cql/NaltrexoneOpioidSafety.cql", "ValueSet/naltrexone-medications'",
                "ValueSet/naltrexone-medicatons'");
        int vitd = edit("cql/VitaminD.cql", "ValueSet/lab-vitamin-d-25oh'", "ValueSet/lab-vitamin-d-25-oh'");

        ContentException failure = startFails();

        assertThat(failure.problems()).containsExactlyInAnyOrder(
                "library NaltrexoneOpioidSafety (NaltrexoneOpioidSafety.cql), line " + ntx + ": valueset "
                        + "\"Naltrexone Medications\" 'http://cqlhooks.org/fhir/ValueSet/naltrexone-medicatons' is not "
                        + "in fhir-resources/ (no ValueSet has this url)",
                "library VitaminD (VitaminD.cql), line " + vitd + ": valueset \"25-Hydroxyvitamin D\" "
                        + "'http://cqlhooks.org/fhir/ValueSet/lab-vitamin-d-25-oh' is not in fhir-resources/ "
                        + "(no ValueSet has this url)");
        // What the operator reads: one report, both problems, no stack trace to dig through.
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START", "2 problems:",
                "naltrexone-medicatons", "lab-vitamin-d-25-oh");
    }

    @Test
    void anUnknownCodeSystemInCqlOrInAValueSetIsNamed() throws IOException {
        copyContent();
        int line = edit("cql/CentralSensitization.cql", "'http://cqlhooks.org/fhir/CodeSystem/pain-assessment'",
                "'http://cqlhooks.org/fhir/CodeSystem/pain-assesment'");
        edit("fhir-resources/valuesets/MecfsSafety/me-cfs.json", "\"http://hl7.org/fhir/sid/icd-10-cm\"",
                "\"http://hl7.org/fhir/sid/icd10-cm\"");
        edit("cql/FibromyalgiaCriteria.cql", "'wpi' from \"Pain Assessment\"", "'wpj' from \"Pain Assessment\"");

        ContentException failure = startFails();

        assertThat(failure.problems()).hasSize(3);
        assertThat(failure.problems()).contains("library CentralSensitization (CentralSensitization.cql), line "
                + line + ": codesystem \"Pain Assessment\" 'http://cqlhooks.org/fhir/CodeSystem/pain-assesment' is "
                + "neither in fhir-resources/ nor declared in cds.content.external-code-systems");
        assertThat(failure.getMessage()).contains("ValueSet 'http://cqlhooks.org/fhir/ValueSet/me-cfs' (used by "
                + "library MecfsSafety) has codes from 'http://hl7.org/fhir/sid/icd10-cm'");
        assertThat(failure.getMessage()).contains("library FibromyalgiaCriteria (FibromyalgiaCriteria.cql), line",
                "code \"WPI Code\" 'wpj' is not a concept of CodeSystem "
                        + "'http://cqlhooks.org/fhir/CodeSystem/pain-assessment'");
    }

    @Test
    void aMissingLibraryIsNamedWhereverItIsUsed() throws IOException {
        copyContent();
        Files.delete(dir.resolve("cql/MecfsSafety.cql"));
        int line = edit("cql/Iron.cql", "include PainCdsCommon version '1.0.0'", "include PainCdsCommons version '1.0.0'");

        ContentException failure = startFails();

        assertThat(failure.getMessage()).contains(
                "hooks/fibromyalgia-workup.json: libraries[2]: no CQL library 'MecfsSafety' in cql/",
                "library Iron (Iron.cql), line " + line + ", column",
                "Could not load source for library PainCdsCommons", "further errors follow from it");
    }

    @Test
    void cardsNamingMissingDefinitionsAreAllListed() throws IOException {
        copyContent();
        edit("hooks/cards/NaltrexoneOpioidSafety.json", "\"when\": \"Is NTX-UDS Applicable\"",
                "\"when\": \"Is NTX-UDS Aplicable\"");
        edit("hooks/cards/CentralSensitization.json", "${CSI Threshold}", "${CSI Treshold}");

        ContentException failure = startFails();

        assertThat(failure.problems()).contains(
                "hooks/cards/NaltrexoneOpioidSafety.json: cards[1].when: no definition \"Is NTX-UDS Aplicable\" in "
                        + "library NaltrexoneOpioidSafety");
        assertThat(failure.getMessage()).contains("hooks/cards/CentralSensitization.json: cards[0]",
                "placeholder ${CSI Treshold} names no definition or parameter in library CentralSensitization");
    }

    @Test
    void anExternalFunctionTheServerDoesNotProvideIsNamed() throws IOException {
        copyContent();
        int line = edit("cql/MecfsSafety.cql", "context Patient\n",
                "context Patient\n\ndefine function \"Shout\"(text System.String) returns System.String: external\n") + 2;

        ContentException failure = startFails();

        assertThat(failure.problems()).containsExactly("library MecfsSafety (MecfsSafety.cql), line " + line
                + ": external function \"Shout\" is not provided by this server (it provides [Record Text])");
    }

    @Test
    void translationErrorsOfEveryLibraryAreListedWithLineAndColumn() throws IOException {
        copyContent();
        int ntx = edit("cql/NaltrexoneOpioidSafety.cql", "define \"Naltrexone Evidence\":",
                "define \"Naltrexone Evidence\": 1 +");
        int thy = edit("cql/Thyroid.cql", "define \"TSH Line\":", "define \"TSH Line\": Nonsense(");

        ContentException failure = startFails();

        assertThat(failure.getMessage()).contains(
                "library NaltrexoneOpioidSafety (NaltrexoneOpioidSafety.cql), line " + ntx + ", column",
                "library Thyroid (Thyroid.cql), line " + thy + ", column");
    }

    @Test
    void siteParametersOutsideTheirRangesAreAllNamedWithTheRange() throws IOException {
        copyContent();

        ContentException failure = startFails("cds.cql.parameters.UrineScreenLookbackDays=0",
                "cds.cql.parameters.CSIThreshold=500", "cds.cql.parameters.ferritin-lookback-months=0");

        assertThat(failure.problems()).containsExactlyInAnyOrder(
                "cds.cql.parameters.CSIThreshold=500: PainCdsConfig.\"CSI Threshold\" (Integer) must be 0–100 "
                        + "(README, Content parameters)",
                "cds.cql.parameters.UrineScreenLookbackDays=0: PainCdsConfig.\"Urine Screen Lookback Days\" "
                        + "(Integer) must be 1–365 (README, Content parameters)",
                "cds.cql.parameters.ferritin-lookback-months=0: PainCdsConfig.\"Ferritin Lookback Months\" "
                        + "(Integer) must be 1–120 (README, Content parameters)");
    }

    @Test
    void aParameterDefaultOutsideItsDeclaredRangeIsNamed() throws IOException {
        copyContent();
        int line = edit("cql/PainCdsConfig.cql", "parameter \"CSI Threshold\" Integer default 40",
                "parameter \"CSI Threshold\" Integer default 400");
        edit("cql/PainCdsConfig.cql", "// @range: 0..1.5", "// @range: 1.5..0");

        ContentException failure = startFails();

        assertThat(failure.problems()).contains("library PainCdsConfig (PainCdsConfig.cql), line " + line
                + ": parameter \"CSI Threshold\" defaults to 400, outside its range 0–100");
        assertThat(failure.getMessage()).contains("library PainCdsConfig (PainCdsConfig.cql), line",
                "parameter \"Serum Magnesium Limit Without Range\": @range 1.5..0 is empty");
    }

    @Test
    void aSamplePatientThatCannotBeReadStopsTheStart() throws IOException {
        // The sample patients load on a background thread beside the rest of the start: it still waits for them.
        copyContent();
        edit("fhir-resources/patients/Inflammation/crp-high.json", "\"timestamp\": \"2026-11-30T12:00:00Z\",", "");

        ContentException failure = startFails("cds.demo.patients=file:" + dir.resolve("fhir-resources/patients") + "/");

        assertThat(failure.getMessage()).contains("Sample patient crp-high.json (cds.demo.patients): "
                + "Bundle.timestamp (the day the data was written for) is missing");
    }

    @Test
    void aWashoutOutsideSevenToFourteenIsHeldAndTheStartUpLogSaysSo(CapturedOutput output) throws IOException {
        copyContent();
        try (ConfigurableApplicationContext context = start("cds.cql.parameters.OpioidWashoutDays=21")) {
            assertThat(context.isRunning()).isTrue();
        }
        assertThat(output.getAll()).contains("cds.cql.parameters.OpioidWashoutDays=21: PainCdsConfig.\"Opioid "
                + "Washout Days\" (Integer) is outside 7–14: it is held to 14");
    }
}
