package org.cqlhooks.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.testing.Requests;

/**
 * The report's section "Without prefetch": Margery's call with {@code fhirServer} instead of prefetch, every query
 * answered by WireMock after 20 ms, against the slowest single query and the same call with prefetch.
 */
final class WithoutPrefetch {

    private final BenchClient client;
    private final int calls;
    private final long warmUpNanos;

    WithoutPrefetch(BenchClient client, int calls, long warmUpNanos) {
        this.client = client;
        this.calls = calls;
        this.warmUpNanos = warmUpNanos;
    }

    List<String> measure(CdsService service, String patientId, String withPrefetch) throws Exception {
        List<String> lines = new ArrayList<>();
        WireMockServer fhir = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(32));
        fhir.start();
        try {
            // Each query answered with what the same key holds in the prefetch request (filtered as an EHR would).
            JsonNode prefetch = Requests.JSON.readTree(withPrefetch).get("prefetch");
            for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
                String query = template.getValue().replace("{{context.patientId}}", patientId);
                var stub = get(urlPathEqualTo("/fhir/" + query.replaceAll("[?].*$", "")));
                if (query.contains("?")) {
                    for (String pair : query.substring(query.indexOf('?') + 1).split("&")) {
                        String[] nv = pair.split("=", 2);
                        stub = stub.withQueryParam(nv[0], equalTo(java.net.URLDecoder.decode(nv.length > 1 ? nv[1] : "",
                                StandardCharsets.UTF_8)));
                    }
                }
                JsonNode answer = prefetch.get(template.getKey());
                fhir.stubFor(stub.willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/fhir+json")
                        .withBody(answer == null ? "{}" : answer.toString()).withFixedDelay(20)));
            }
            ObjectNode request = Requests.patientView(patientId);
            request.put("fhirServer", fhir.baseUrl() + "/fhir");
            String body = request.toString();
            int n = Math.max(30, calls / 5);
            long warmUntil = System.nanoTime() + warmUpNanos / 2;
            for (int i = 0; i < 20 || System.nanoTime() < warmUntil; i++) {
                BenchClient.check(client.post(body));
            }
            // Calls without and with prefetch alternate, so both see the same JIT and GC state.
            double[] total = new double[n];
            double[] evaluation = new double[n];
            for (int i = 0; i < n; i++) {
                long t = System.nanoTime();
                BenchClient.check(client.post(body));
                total[i] = (System.nanoTime() - t) / 1e6;
                t = System.nanoTime();
                BenchClient.check(client.post(withPrefetch));
                evaluation[i] = (System.nanoTime() - t) / 1e6;
            }
            double[] slowest = new double[n];
            for (int i = 0; i < n; i++) {
                double max = 0;
                for (Map.Entry<String, String> template : service.prefetch().entrySet()) {
                    String url = fhir.baseUrl() + "/fhir/" + template.getValue().replace("{{context.patientId}}",
                            patientId);
                    long t = System.nanoTime();
                    client.get(URI.create(url));
                    max = Math.max(max, (System.nanoTime() - t) / 1e6);
                }
                slowest[i] = max;
            }
            Arrays.sort(total);
            Arrays.sort(slowest);
            Arrays.sort(evaluation);
            double budget = Benchmark.pct(slowest, 50) + Benchmark.pct(evaluation, 50);
            lines.add("## Without prefetch (FHIR server answers each query after 20 ms)");
            lines.add("");
            lines.add("| Margery, " + service.prefetch().size() + " queries | p50 | p99 |");
            lines.add("|---|---|---|");
            lines.add("| total call | " + Benchmark.fmt(Benchmark.pct(total, 50)) + " ms | " + Benchmark.fmt(Benchmark.pct(total, 99)) + " ms |");
            lines.add("| slowest single query, fetched alone | " + Benchmark.fmt(Benchmark.pct(slowest, 50)) + " ms | " + Benchmark.fmt(Benchmark.pct(slowest, 99))
                    + " ms |");
            lines.add("| evaluation (same call with prefetch) | " + Benchmark.fmt(Benchmark.pct(evaluation, 50)) + " ms | "
                    + Benchmark.fmt(Benchmark.pct(evaluation, 99)) + " ms |");
            lines.add("");
            lines.add("Total over (slowest query + evaluation), p50: **" + Benchmark.fmt(Benchmark.pct(total, 50) - budget) + " ms**");
            lines.add("");
            return lines;
        } finally {
            fhir.stop();
        }
    }
}
