package org.cqlhooks.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.cqlhooks.catalog.ContentSources;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.content.ContentException;
import org.cqlhooks.content.ContentScope;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import picocli.CommandLine.Option;

/** The options every command takes: where the content is, the evaluation time, and settings for Spring Boot. */
class CommandOptions {

    /** A Spring Boot setting on the command line: {@code --cds.cql.parameters.CSIThreshold=44}. */
    private static final Pattern SETTING = Pattern.compile("--[A-Za-z][\\w-]*(\\.[\\w\\-\\[\\]]+)+=.*");

    @Option(names = "--content", paramLabel = "<dir>",
            description = "content folder with cql/, hooks/ (hooks/cards/), fhir-resources/ (and cases/) instead of the "
                    + "bundled one")
    Path content;

    @Option(names = "--at", paramLabel = "<date>",
            description = "evaluate as of this date (the end of that day, UTC) or date-time (2025-03-01T09:30:00Z)")
    String at;

    /** The time to evaluate at: {@code --at}, or now. */
    ZonedDateTime evaluatedAt(Clock now) {
        if (at == null) {
            return ZonedDateTime.now(now);
        }
        try {
            return OffsetDateTime.parse(at).atZoneSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(at).atZone(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(at).atTime(LocalTime.of(23, 59, 59)).atZone(ZoneOffset.UTC);
                } catch (DateTimeParseException notADate) {
                    throw new CliFailure(CliFailure.BAD_INPUT, "--at " + at + " is not a date (2025-03-01) or a "
                            + "date-time (2025-03-01T09:30:00Z)");
                }
            }
        }
    }

    /**
     * The configuration, with the command line's {@code --name=value} settings and {@code --content} pointing the
     * content locations at that folder.
     */
    CliSettings settings(Function<List<String>, CliSettings> read, List<String> settings) {
        List<String> args = new ArrayList<>();
        for (String setting : settings) {
            if (!SETTING.matcher(setting).matches()) {
                throw new CliFailure(CliFailure.BAD_INPUT, "unknown option or argument '" + setting + "' (settings "
                        + "are written --name.of.setting=value)");
            }
            args.add(setting);
        }
        if (content != null) {
            Path dir = content.toAbsolutePath().normalize();
            for (String folder : List.of("cql", "hooks")) {
                if (!Files.isDirectory(dir.resolve(folder))) {
                    throw new CliFailure(CliFailure.BAD_INPUT, "--content " + content + " has no " + folder
                            + "/ folder (a content folder holds cql/, hooks/ and fhir-resources/)");
                }
            }
            args.add("--cds.content.cql=file:" + dir.resolve("cql") + "/");
            args.add("--cds.content.hooks=file:" + dir.resolve("hooks") + "/");
            args.add("--cds.content.cards=file:" + dir.resolve("hooks/cards") + "/");
            args.add("--cds.content.fhir-resources=file:" + dir.resolve("fhir-resources") + "/");
        }
        return read.apply(args);
    }

    /**
     * The content (the part in {@code scope}), loaded and checked as the server loads it; every problem listed when
     * it does not load.
     */
    static LiveContent load(CliSettings settings, Clock clock, ContentScope scope) {
        try {
            return new LiveContent(new ContentSources(settings.content(), settings.packages(), settings.cql(),
                    settings.cards(), new PathMatchingResourcePatternResolver(), settings.fhir(), clock, scope));
        } catch (ContentException e) {
            throw new CliFailure(CliFailure.BROKEN_CONTENT, "the content does not load ("
                    + e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems") + "):\n  - "
                    + String.join("\n  - ", e.problems()));
        }
    }
}
