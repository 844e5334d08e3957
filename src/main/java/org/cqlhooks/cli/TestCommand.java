package org.cqlhooks.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.cqlhooks.cases.CaseResult;
import org.cqlhooks.cases.CaseRunner;
import org.cqlhooks.cases.ClinicalCase;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.content.ContentScope;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code test}: runs the content's cases with the runner the Maven build uses, one line per case and a closing
 * {@code N passed, N failed}; exit 1 when a case fails. The cases are the bundled ones, or with {@code --content} the
 * folder's {@code cases/} (or {@code src/test/resources/cases/}, so the project folder itself is a content folder).
 */
@Command(name = "test", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the content's test cases; prints one line per case and N passed, N failed.")
final class TestCommand implements Callable<Integer> {

    @Option(names = "--cases", paramLabel = "<regex>",
            description = "only the cases whose <service>/<case> matches (e.g. 'naltrexone.*')")
    String only;

    @Mixin
    CommandOptions options;

    /** Spring Boot settings, as for the server: {@code --cds.cql.parameters.CSIThreshold=44}. */
    @Unmatched
    List<String> springSettings = new ArrayList<>();

    private final Function<List<String>, CliSettings> read;
    private final PrintStream out;

    TestCommand(Function<List<String>, CliSettings> read, PrintStream out) {
        this.read = read;
        this.out = out;
    }

    @Override
    public Integer call() {
        // As ClinicalCasesTest: now to the minute, so relative dates fall on the calendar a live call would see.
        ZonedDateTime t = options.at != null ? options.evaluatedAt(Clock.systemUTC())
                : ZonedDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        String location = casesLocation();
        CliSettings settings = options.settings(read, springSettings);
        LiveContent content = CommandOptions.load(settings, Clock.fixed(t.toInstant(), ZoneOffset.UTC),
                ContentScope.ALL);
        List<ClinicalCase> cases = ClinicalCase.matching(
                ClinicalCase.read(new PathMatchingResourcePatternResolver(), location), only).toList();
        if (cases.isEmpty()) {
            throw new CliFailure(CliFailure.BAD_INPUT, "no cases " + (only == null ? "" : "matching '" + only + "' ")
                    + "in " + location + " (a case is <service id>/<case name>/expected.json with bundle.json or "
                    + "request.json)");
        }
        CaseRunner runner = new CaseRunner(content.current(), settings.json());
        int failed = 0;
        for (ClinicalCase c : cases) {
            CaseResult result = runner.run(c, t);
            out.println(result.line());
            failed += result.passed() ? 0 : 1;
        }
        out.println((cases.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : CliFailure.CASES_FAILED;
    }

    private String casesLocation() {
        if (options.content == null) {
            return ClinicalCase.BUNDLED;
        }
        Path dir = options.content.toAbsolutePath().normalize();
        for (Path cases : List.of(dir.resolve("cases"), dir.resolve("src/test/resources/cases"))) {
            if (Files.isDirectory(cases)) {
                return "file:" + cases + "/";
            }
        }
        throw new CliFailure(CliFailure.BAD_INPUT, "--content " + options.content + " has no cases/ folder (nor "
                + "src/test/resources/cases/)");
    }
}
