package org.cqlhooks.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.content.CardRule;
import org.cqlhooks.testing.Requests;
import org.cqlhooks.testing.TestContent;

/**
 * Picks the browser test's patients from the content as it is, so new or changed content needs no test edit:
 * a sample patient {@code fhir-resources/patients/<Library>/<card>.json} shows the card it is named for (ExamplesTest holds
 * the content to that), with the indicator its service file declares, in its service (the page calls the services
 * discovery lists, which overlap in no card). A card whose example request names site parameters is off by default.
 */
final class SamplePatients {

    private static final Path EXAMPLES = Path.of("hooks/examples");
    private static final Path PATIENTS = Path.of("fhir-resources/patients");

    /** A sample patient and what the page must show for it. */
    record Sample(String card, String patientId, String indicator, String serviceId, Set<String> services) {
    }

    private SamplePatients() {
    }

    /** The first sample patient (by file name) of a card declared with this indicator that is on by default. */
    static Sample firstWithIndicator(String indicator) {
        for (Path file : files(PATIENTS)) {
            String card = cardOf(file);
            for (CdsService service : services()) {
                for (CardRule rule : service.definition().cards()) {
                    if (rule.id().equals(card) && rule.indicator().equals(indicator) && !needsSiteParameters(card)) {
                        return new Sample(card, patientId(file), indicator, service.id(), shownIn(service.id()));
                    }
                }
            }
        }
        throw new AssertionError("No sample patient in " + PATIENTS + " shows a " + indicator + " card by default");
    }

    /**
     * A sample patient of a card that is off by default, for which no service has a card on a server with default
     * settings (asked over HTTP, fetching from the embedded FHIR server, as the page does).
     */
    static String withoutCards(int port) {
        List<CdsService> services = services();
        for (Path file : files(PATIENTS)) {
            if (needsSiteParameters(cardOf(file)) && services.stream()
                    .allMatch(s -> cardCount(port, s.id(), patientId(file)) == 0)) {
                return patientId(file);
            }
        }
        throw new AssertionError("No sample patient in " + PATIENTS + " shows no card with default settings");
    }

    /**
     * The services the page shows it in: the page calls the services discovery lists, and discovery leaves out
     * all-in-one services (those that include others), so only the card's own service runs it there.
     */
    private static Set<String> shownIn(String serviceId) {
        return new TreeSet<>(Set.of(serviceId));
    }

    private static boolean needsSiteParameters(String card) {
        return files(EXAMPLES).stream().map(SamplePatients::read)
                .map(e -> e.at("/extension/org.cqlhooks.example"))
                .anyMatch(about -> about.path("card").asText().equals(card)
                        && !about.path("siteParameters").isEmpty());
    }

    private static int cardCount(int port, String serviceId, String patientId) {
        String body = Requests.patientView(patientId).put("fhirServer", "http://localhost:" + port + "/fhir")
                .toString();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/cds-services/" + serviceId))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(serviceId + " answered " + response.statusCode() + ": " + response.body());
            }
            return Requests.JSON.readTree(response.body()).path("cards").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The patient-view services discovery lists (all-in-ones left out), with the cards of their card files, as the
     * server's catalogue has them.
     */
    private static List<CdsService> services() {
        return TestContent.catalog().all().stream().filter(s -> s.hook().equals("patient-view"))
                .filter(s -> !s.definition().isComposite()).toList();
    }

    private static String cardOf(Path patientFile) {
        return patientFile.getFileName().toString().replaceFirst("\\.json$", "").toUpperCase();
    }

    private static String patientId(Path patientFile) {
        for (JsonNode entry : read(patientFile).path("entry")) {
            if (entry.at("/resource/resourceType").asText().equals("Patient")) {
                return entry.at("/resource/id").asText();
            }
        }
        throw new AssertionError(patientFile + " holds no Patient");
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".json"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Requests.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
