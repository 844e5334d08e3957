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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cqlhooks.testing.Requests;

/**
 * Picks the browser test's patients from the content as it is, so new or changed content needs no test edit:
 * a sample patient {@code fhir-resources/patients/<card>.json} shows the card it is named for (ExamplesTest holds
 * the content to that), with the indicator its service file declares, in its service (the page calls the services
 * discovery lists, which overlap in no card). A card whose example request names site parameters is off by default.
 */
final class SamplePatients {

    private static final Path HOOKS = Path.of("hooks");
    private static final Path EXAMPLES = HOOKS.resolve("examples");
    private static final Path PATIENTS = Path.of("fhir-resources/patients");

    /** A sample patient and what the page must show for it. */
    record Sample(String card, String patientId, String indicator, String serviceId, Set<String> services) {
    }

    private SamplePatients() {
    }

    /** The first sample patient (by file name) of a card declared with this indicator that is on by default. */
    static Sample firstWithIndicator(String indicator) {
        Map<String, JsonNode> services = services();
        for (Path file : files(PATIENTS)) {
            String card = cardOf(file);
            for (JsonNode service : services.values()) {
                for (JsonNode rule : service.path("cards")) {
                    if (rule.path("id").asText().equals(card) && rule.path("indicator").asText().equals(indicator)
                            && !needsSiteParameters(card)) {
                        String id = service.path("id").asText();
                        return new Sample(card, patientId(file), indicator, id, shownIn(id));
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
        Map<String, JsonNode> services = services();
        for (Path file : files(PATIENTS)) {
            if (needsSiteParameters(cardOf(file)) && services.keySet().stream()
                    .allMatch(s -> cardCount(port, s, patientId(file)) == 0)) {
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

    private static Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        files(HOOKS).stream().map(SamplePatients::read).filter(s -> s.path("hook").asText().equals("patient-view"))
                .forEach(s -> services.put(s.path("id").asText(), s));
        return services;
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
        try (Stream<Path> files = Files.list(folder)) {
            return new ArrayList<>(files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
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
