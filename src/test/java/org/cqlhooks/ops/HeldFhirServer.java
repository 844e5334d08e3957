package org.cqlhooks.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The EHR's FHIR server for the operations tests (the JDK's HTTP server on loopback): answers every Observation
 * search with a searchset of one Observation, or with 500 when told to. While held, each request waits until
 * {@link #release()}: a test knows a call is in flight (its FHIR request arrived) without timing anything.
 */
final class HeldFhirServer implements AutoCloseable {

    private static final String OBSERVATIONS = """
            {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Observation",
             "id":"obs-1","status":"final","code":{"text":"probe"},"subject":{"reference":"Patient/%s"}}}]}""";

    private final HttpServer server;
    private final Semaphore arrived = new Semaphore(0);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile int status = 200;

    HeldFhirServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/fhir", this::answer);
        server.start();
    }

    URI base() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/fhir");
    }

    /** From now on requests wait for {@link #release()}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    /** From now on requests are answered with this status (500: a failing FHIR server). */
    void answerWith(int status) {
        this.status = status;
    }

    /** Waits until a request has arrived (at most a minute: the machine may be busy), and takes it. */
    void awaitRequest() throws InterruptedException {
        if (!arrived.tryAcquire(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no request reached the FHIR server");
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        arrived.release();
        try {
            gate.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String query = exchange.getRequestURI().getQuery();
        String patient = query == null ? "?" : query.replaceAll(".*patient=([^&]*).*", "$1");
        byte[] body = status == 200 ? OBSERVATIONS.formatted(patient).getBytes(StandardCharsets.UTF_8)
                : "{\"resourceType\":\"OperationOutcome\"}".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
