import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Moves the dates of the example requests (hooks/examples/*.json) and sample patients (fhir-resources/patients/*.json)
 * so that they read as of today (or the date given), keeping every interval between them. Some cards look back only a
 * few days (NTX-UDS: 10), so an example written weeks ago no longer shows its card until it is re-dated.
 *
 * <pre>java hooks/examples/Redate.java            # as of today
 * java hooks/examples/Redate.java 2027-03-01 # as of a given day</pre>
 *
 * Run from the project folder. Each file names the day it was written for: an example in
 * {@code extension["org.cqlhooks.example"].asOf}, a sample patient Bundle in {@code timestamp}.
 */
public class Redate {

    private static final Pattern AS_OF = Pattern.compile("\"(?:asOf|timestamp)\"\\s*:\\s*\"(\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern DATE = Pattern.compile("(?<![\\d-])(\\d{4}-\\d{2}-\\d{2})(?![\\d-])");

    public static void main(String[] args) throws IOException {
        LocalDate target = args.length > 0 ? LocalDate.parse(args[0]) : LocalDate.now();
        for (String folder : List.of("hooks/examples", "fhir-resources/patients")) {
            try (Stream<Path> files = Files.list(Path.of(folder))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                    redate(file, target);
                }
            }
        }
    }

    private static void redate(Path file, LocalDate target) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher asOf = AS_OF.matcher(text);
        if (!asOf.find()) {
            System.out.println("skipped (no asOf/timestamp): " + file);
            return;
        }
        long shift = ChronoUnit.DAYS.between(LocalDate.parse(asOf.group(1)), target);
        Matcher m = DATE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, LocalDate.parse(m.group(1)).plusDays(shift).toString());
        }
        m.appendTail(out);
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        System.out.println("moved by " + shift + " days: " + file);
    }
}
