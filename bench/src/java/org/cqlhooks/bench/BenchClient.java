package org.cqlhooks.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's side of HTTP: calls to one service with the JDK client, one at a time or from several clients at
 * once, as a well-behaved client makes them under the server's back-pressure.
 */
final class BenchClient {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Calls answered 503 under back-pressure (then sent again after Retry-After), since the last reset. */
    final AtomicInteger refused = new AtomicInteger();
    private final URI endpoint;

    BenchClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** A GET of any URL (a FHIR query), its body read and dropped. */
    void get(URI url) throws IOException, InterruptedException {
        HTTP.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    record Load(double[] latencies, double rate) {
    }


    Load load(byte[] body, int clients, int callsPerClient) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<double[]>> work = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                work.add(() -> {
                    double[] times = new double[callsPerClient];
                    for (int i = 0; i < callsPerClient; i++) {
                        long t = System.nanoTime();
                        admitted(body);
                        times[i] = (System.nanoTime() - t) / 1e6;
                    }
                    return times;
                });
            }
            long start = System.nanoTime();
            List<Future<double[]>> done = pool.invokeAll(work);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] all = new double[clients * callsPerClient];
            int k = 0;
            for (Future<double[]> f : done) {
                for (double v : f.get()) {
                    all[k++] = v;
                }
            }
            Arrays.sort(all);
            return new Load(all, all.length / seconds);
        } finally {
            pool.shutdownNow();
        }
    }


    int post(String body) throws IOException, InterruptedException {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }


    private HttpResponse<byte[]> send(byte[] body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }


    int post(byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send(body);
        if (response.statusCode() != 200) {
            System.err.println("HTTP " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8).substring(0,
                            Math.min(400, response.body().length)));
        }
        return response.statusCode();
    }


    /**
     * One call as a well-behaved client makes it under the server's back-pressure: a 503 (the server is evaluating
     * as many calls as it admits and its queue is full) is counted, and the call is sent again after Retry-After.
     */
    void admitted(byte[] body) throws IOException, InterruptedException {
        while (true) {
            HttpResponse<byte[]> response = send(body);
            if (response.statusCode() != 503) {
                check(response.statusCode());
                return;
            }
            refused.incrementAndGet();
            Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
        }
    }


    static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("call answered " + status);
        }
    }
}
