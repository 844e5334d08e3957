package org.cqlhooks.cli;

import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.cqlhooks.cases.BundleRequest;
import org.cqlhooks.cases.OfflineCalls;
import org.cqlhooks.cases.RelativeDates;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.catalog.LiveContent;
import org.cqlhooks.content.ContentFiles;
import org.cqlhooks.content.ContentScope;
import org.cqlhooks.invocation.InvocationService;
import org.cqlhooks.wire.CdsException;
import org.cqlhooks.wire.CdsResponse;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code evaluate}: what a service answers for a request or a patient bundle, as the server would answer it (the
 * same request checks, prefetch reading, evaluation and JSON), computed offline: no FHIR server is called and no web
 * server starts. Dates written relative to T ({@code ${T-30d}}, as in the cases) resolve against {@code --at}. Only
 * the part of the content the service needs is loaded and checked ({@link ContentScope}): the answer comes in a
 * fraction of the time the whole takes, and a library being written for another service does not stop it.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluates a CDS Hooks request, or a patient Bundle, offline; prints the response JSON.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--service", required = true, paramLabel = "<id>", description = "the service id (hooks/<id>.json)")
    String service;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--patient", paramLabel = "<id>",
            description = "with --bundle: the Patient the call is about (needed when the bundle holds several)")
    String patient;

    @Mixin
    CommandOptions options;

    /** Spring Boot settings, as for the server: {@code --cds.cql.parameters.CSIThreshold=44}. */
    @Unmatched
    List<String> springSettings = new ArrayList<>();

    static final class Input {
        @Option(names = "--request", required = true, paramLabel = "<file>", description = "a CDS Hooks request")
        Path request;

        @Option(names = "--bundle", required = true, paramLabel = "<file>",
                description = "a patient Bundle (collection, searchset or transaction)")
        Path bundle;
    }

    private final Function<List<String>, CliSettings> read;
    private final PrintStream out;

    EvaluateCommand(Function<List<String>, CliSettings> read, PrintStream out) {
        this.read = read;
        this.out = out;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        Path file = input.request != null ? input.request : input.bundle;
        ZonedDateTime at = options.evaluatedAt(Clock.systemUTC());
        String text = RelativeDates.resolve(readFile(file), at);
        CliSettings settings = options.settings(read, springSettings);
        Clock clock = Clock.fixed(at.toInstant(), ZoneOffset.UTC);
        LiveContent content = CommandOptions.load(settings, clock, scope(settings));
        CdsService found = content.catalog().find(service).orElseThrow(() -> new CliFailure(CliFailure.BAD_INPUT,
                "no service '" + service + "' in the content; its services: " + String.join(", ",
                        content.catalog().all().stream().map(CdsService::id).toList())));
        OfflineCalls calls = new OfflineCalls(settings.json(), settings.fhir());
        byte[] body = input.request != null ? text.getBytes(StandardCharsets.UTF_8)
                : fromBundle(found, text, file, new BundleRequest(settings.fhir()), settings);
        InvocationService invocation = new InvocationService(content, calls.reader(), calls.collector(), clock,
                event -> { });
        CdsResponse response;
        try {
            response = invocation.invoke(service, body);
        } catch (CdsException e) {
            throw new CliFailure(CliFailure.BAD_INPUT, file + ": " + e.getMessage());
        }
        out.println(settings.json().writerWithDefaultPrettyPrinter().writeValueAsString(response));
        return 0;
    }

    /**
     * The part of the content the service needs: an own service is its hooks/&lt;id&gt;.json file, so a mistyped id
     * is answered before any CQL is translated, and only the service's libraries are translated and checked (a
     * library being written for another service does not stop this one). With content packages the whole content
     * is loaded: a package's PlanDefinition is a service too, known once the packages are loaded.
     */
    private ContentScope scope(CliSettings settings) {
        if (!settings.packages().isEmpty()) {
            return ContentScope.ALL;
        }
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<String> ids = ContentFiles.read(resolver, settings.content().hooks(), "*.json").stream()
                .map(f -> f.name().replaceFirst("\\.json$", "")).toList();
        if (!ids.contains(service)) {
            throw new CliFailure(CliFailure.BAD_INPUT, "no service '" + service + "' in the content; its services: "
                    + String.join(", ", ids));
        }
        return ContentScope.ofService(service, settings.content(), resolver);
    }

    /** The request an EHR holding the bundle would send the service. */
    private byte[] fromBundle(CdsService target, String text, Path file, BundleRequest requests, CliSettings settings) {
        IBaseResource parsed;
        try {
            parsed = settings.fhir().newJsonParser().parseResource(text);
        } catch (DataFormatException e) {
            throw new CliFailure(CliFailure.BAD_INPUT, file + " is not FHIR JSON: " + Cli.firstLine(e.getMessage()));
        }
        if (!(parsed instanceof Bundle bundle)) {
            throw new CliFailure(CliFailure.BAD_INPUT, file + " is a " + parsed.fhirType() + ", not a Bundle");
        }
        try {
            List<IBaseResource> resources = requests.entries(bundle);
            String patientId = BundleRequest.patient(resources, patient);
            return requests.request(target, patientId, resources).toString().getBytes(StandardCharsets.UTF_8);
        } catch (BundleRequest.NotPossible e) {
            throw new CliFailure(CliFailure.BAD_INPUT, file + ": " + e.getMessage());
        }
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliFailure(CliFailure.BAD_INPUT, file + ": no such file");
        } catch (IOException e) {
            throw new CliFailure(CliFailure.BAD_INPUT, file + " cannot be read: " + e.getMessage());
        }
    }
}
