package org.cqlhooks.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.cqlhooks.cql.CqlFoundation;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line of the authoring loop, run from the server's jar without a web server:
 * {@code evaluate} answers one request (or a patient bundle) offline, {@code test} runs the content's cases. Picocli
 * parses and checks the options; the server's own configuration (application.yml, environment, {@code --name=value}
 * settings) is read through Spring Boot by the {@code settings} function. Every failure is one line on stderr and an
 * exit code ({@link CliFailure}); stdout carries only the answer.
 */
public final class Cli {

    /** The first arguments that start a command instead of the server. */
    public static final Set<String> COMMANDS = Set.of("evaluate", "test");

    @Command(name = "cql-hooks", description = "CDS Hooks server; commands of the authoring loop.",
            subcommands = {CommandLine.HelpCommand.class})
    static final class Root {
    }

    private Cli() {
    }

    /** Whether the arguments start a command ({@code evaluate}, {@code test}) rather than the server. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /**
     * Runs the command and returns its exit code.
     *
     * @param settings reads the configuration, given the {@code --name=value} settings of the command line
     */
    public static int run(String[] args, Function<List<String>, CliSettings> settings, PrintStream out,
            PrintStream err) {
        // The FHIR model and FHIRHelpers take seconds to load and need no settings: load them while Spring reads
        // the settings.
        CqlFoundation.loadInBackground();
        CommandLine line = new CommandLine(new Root());
        line.addSubcommand("evaluate", new EvaluateCommand(settings, out));
        line.addSubcommand("test", new TestCommand(settings, out));
        line.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        line.setParameterExceptionHandler((e, arguments) -> {
            err.println(prefix(e.getCommandLine()) + e.getMessage() + " (see " + args[0] + " --help)");
            return CliFailure.BAD_INPUT;
        });
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof CliFailure failure) {
                err.println(prefix(command) + failure.getMessage());
                return failure.exitCode();
            }
            err.println(prefix(command) + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            return CliFailure.UNEXPECTED;
        });
        return line.execute(args);
    }

    private static String prefix(CommandLine command) {
        return command.getCommandName().equals("cql-hooks") ? "cql-hooks: " : "cql-hooks " + command.getCommandName()
                + ": ";
    }

    static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }
}
