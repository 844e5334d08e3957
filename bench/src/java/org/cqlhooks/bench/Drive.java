package org.cqlhooks.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load for profiling a running server by hand: {@code Drive <service URL> <request file> <clients> <seconds>} posts
 * the file as fast as the clients can for that long and prints p50, p99 and calls/s. Start the server with a flight
 * recording (docs/benchmarks.md, "Where the time goes") and write the requests with {@link BenchRequests}.
 */
public final class Drive {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Drive() {
    }

    public static void main(String[] args) throws Exception {
        URI url = URI.create(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        int clients = Integer.parseInt(args[2]);
        long until = System.nanoTime() + (long) (Double.parseDouble(args[3]) * 1e9);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<Double>>> work = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            work.add(pool.submit(() -> {
                List<Double> times = new ArrayList<>();
                while (System.nanoTime() < until) {
                    long t = System.nanoTime();
                    HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(url)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode() + ": "
                                + new String(response.body()));
                    }
                    times.add((System.nanoTime() - t) / 1e6);
                }
                return times;
            }));
        }
        List<Double> all = new ArrayList<>();
        try {
            for (Future<List<Double>> f : work) {
                all.addAll(f.get());
            }
        } finally {
            // A failed call (a 503 when the server's queue is full) ends the run instead of leaving it waiting.
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        System.out.printf("calls %d, p50 %.2f ms, p99 %.2f ms, %.1f calls/s%n", sorted.length,
                sorted[sorted.length / 2], sorted[(int) Math.ceil(0.99 * sorted.length) - 1], sorted.length / seconds);
    }
}
