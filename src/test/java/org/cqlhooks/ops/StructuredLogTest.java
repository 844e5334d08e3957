package org.cqlhooks.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cqlhooks.testing.Requests;
import org.junit.jupiter.api.Test;

/**
 * The server as its own process, as a container runs it, with structured JSON logs switched on
 * ({@code logging.structured.format.console=ecs}): every line it writes is a JSON object, the call log line among
 * them, and SIGTERM stops it gracefully (the JVM's shutdown hook closes Spring, which waits for calls in flight).
 */
class StructuredLogTest {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyLineIsJsonAndSigtermStopsGracefully() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.cqlhooks.CqlHooksApplication",
                "--server.port=" + port, "--logging.structured.format.console=ecs", "--spring.main.banner-mode=off"));
        ProbeCalls.CONTENT.forEach(property -> command.add("--" + property));
        Process server = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(server, lines));
        reader.start();
        List<JsonNode> logged = new ArrayList<>();
        try {
            awaitMessage(lines, logged, "Started CqlHooksApplication");
            String base = "http://127.0.0.1:" + port;
            assertThat(ProbeCalls.post(http, base + ProbeCalls.SERVICE, ProbeCalls.request("p1", 1, null), null)
                    .statusCode()).isEqualTo(200);
            JsonNode call = awaitMessage(lines, logged, "cds-call endpoint=service service=ops-probe");
            assertThat(call.toString()).contains("org.cqlhooks.calls").contains("status=200 cards=1");
        } finally {
            // SIGTERM through the process handle: Process.destroy() would also close its output before it ends.
            server.toHandle().destroy();
        }
        assertThat(server.waitFor(2, TimeUnit.MINUTES)).as("the server stopped").isTrue();
        reader.join();
        drain(lines, logged);
        assertThat(logged.stream().map(line -> message(line)))
                .anyMatch(m -> m.startsWith("Commencing graceful shutdown"))
                .anyMatch(m -> m.startsWith("Graceful shutdown complete"));
    }

    private static void read(Process server, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("{\"message\":\"reading the server's output failed\"}");
        }
    }

    /** Reads lines (each must be a JSON object) until one whose message starts with {@code text}. */
    private static JsonNode awaitMessage(BlockingQueue<String> lines, List<JsonNode> logged, String text)
            throws Exception {
        while (true) {
            String line = lines.poll(3, TimeUnit.MINUTES);
            assertThat(line).as("the server wrote \"" + text + "\"").isNotNull();
            JsonNode json = json(line);
            logged.add(json);
            if (message(json).startsWith(text)) {
                return json;
            }
        }
    }

    private static void drain(BlockingQueue<String> lines, List<JsonNode> logged) throws IOException {
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            logged.add(json(line));
        }
    }

    private static JsonNode json(String line) throws IOException {
        JsonNode json = Requests.JSON.readTree(line);
        assertThat(json.isObject()).as("a JSON object: " + line).isTrue();
        return json;
    }

    private static String message(JsonNode line) {
        return line.path("message").asText("");
    }
}
