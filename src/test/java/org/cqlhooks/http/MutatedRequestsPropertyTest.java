package org.cqlhooks.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.cqlhooks.CqlHooksApplication;
import org.cqlhooks.testing.Calls;
import org.cqlhooks.testing.Requests;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Odd but possible requests never make the server fail: valid requests mutated (fields dropped, duplicated, retyped,
 * nested) are answered with a 2xx or 4xx, never a 5xx. Fixed seed, so every run tries the same requests.
 */
class MutatedRequestsPropertyTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext server;
    private static int port;

    enum Kind { DROP, DUPLICATE, RETYPE, NEST }

    /** One change at the {@code at}-th node of the document (modulo its size), {@code variant} picking the how. */
    record Mutation(Kind kind, int at, int variant) {
    }

    @BeforeContainer
    static void start() {
        // Command-line arguments: they win over application.yml's port.
        server = new SpringApplicationBuilder(CqlHooksApplication.class).run("--server.port=0",
                "--logging.level.org.cqlhooks.calls=WARN", "--logging.level.org.springframework=WARN");
        port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
    }

    @AfterContainer
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, 7)).as(Mutation::new);
        return one.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 200, seed = "20261130")
    void mutatedRequestsAreNeverAServerError(@ForAll("mutations") List<Mutation> mutations) throws Exception {
        ObjectNode request = Calls.naltrexoneWithOpioid("p1", "Test Patient");
        Requests.withFhirServer(request, "http://127.0.0.1:1/fhir", "t");
        request.putObject("context").put("userId", "Practitioner/1").put("patientId", "p1").put("encounterId", "e1");
        for (Mutation m : mutations) {
            apply(request, m);
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + Calls.NTX_SERVICE))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        Statistics.label("status").collect(response.statusCode());
        assertThat(response.statusCode()).as(request.toString()).isBetween(200, 499);
        assertThat(response.body()).as(request.toString()).startsWith("{");
    }

    /** A container node and the name or index of one of its children. */
    private record Slot(JsonNode parent, String field, int index) {
    }

    private static void apply(ObjectNode root, Mutation m) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            return;
        }
        Slot slot = slots.get(m.at() % slots.size());
        JsonNode value = slot.field() != null ? slot.parent().get(slot.field()) : slot.parent().get(slot.index());
        switch (m.kind()) {
            case DROP -> {
                if (slot.parent() instanceof ObjectNode o) {
                    o.remove(slot.field());
                } else {
                    ((ArrayNode) slot.parent()).remove(slot.index());
                }
            }
            case DUPLICATE -> {
                if (slot.parent() instanceof ObjectNode o) {
                    o.set(slot.field() + "_copy", value.deepCopy());
                    o.set(slot.field(), value.deepCopy());
                } else {
                    ((ArrayNode) slot.parent()).insert(slot.index(), value.deepCopy());
                }
            }
            case RETYPE -> put(slot, retyped(value, m.variant()));
            case NEST -> put(slot, m.variant() % 2 == 0 ? JSON.arrayNode().add(value.deepCopy())
                    : JSON.objectNode().set("value", value.deepCopy()));
        }
    }

    private static JsonNode retyped(JsonNode value, int variant) {
        return switch (variant) {
            case 0 -> JSON.nullNode();
            case 1 -> JSON.numberNode(-1);
            case 2 -> JSON.textNode(value.isTextual() ? "" : value.toString());
            case 3 -> JSON.booleanNode(true);
            case 4 -> JSON.arrayNode();
            case 5 -> JSON.objectNode();
            case 6 -> JSON.numberNode(1.5e300);
            default -> JSON.textNode("Patient/../../x");
        };
    }

    private static void put(Slot slot, JsonNode value) {
        if (slot.parent() instanceof ObjectNode o) {
            o.set(slot.field(), value);
        } else {
            ((ArrayNode) slot.parent()).set(slot.index(), value);
        }
    }

    private static void collect(JsonNode node, List<Slot> into) {
        if (node instanceof ObjectNode o) {
            o.fieldNames().forEachRemaining(name -> {
                into.add(new Slot(o, name, -1));
                collect(o.get(name), into);
            });
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                into.add(new Slot(a, null, i));
                collect(a.get(i), into);
            }
        }
    }
}
