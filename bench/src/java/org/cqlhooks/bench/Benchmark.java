package org.cqlhooks.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.get;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cqlhooks.catalog.CdsService;
import org.cqlhooks.testing.TestContent;

/**
 * The benchmark (README "Benchmark"; run with {@code bench/run.sh}). Starts the packaged jar as a user would, drives
 * it over HTTP with the JDK client, and prints a Markdown report: latency and throughput for three patients with 1
 * and 8 clients, the HAPI parse-only floor, Margery without prefetch against a FHIR server that answers after 20 ms,
 * start-to-first-answer, and the heap after a full GC under load. No assertions: it measures.
 */
public final class Benchmark {

    private static final String SERVICE = System.getProperty("bench.service", "pain-cds-all");
    private static final int CALLS = Integer.getInteger("bench.calls", 300);
    private static final int CLIENTS = 8;
    /** The 5,000-Observation request is over the default 10 MB body limit (cds.limits.max-body-size). */
    private static final String BODY_LIMIT = "64MB";
    private static final Path GC_LOG = Path.of("bench/results/gc.log");
    /** JIT warm-up per row before measuring: the server's hot paths are compiled after some thousand calls. */
    private static final long WARM_UP_NANOS = Long.getLong("bench.warmup.seconds", 20) * 1_000_000_000L;

    private final StringBuilder report = new StringBuilder();
    /** Per row: CPU milliseconds per call of the server and of the load generator, with 1 and with 8 clients. */
    private final List<String> cpuRows = new ArrayList<>();
    private BenchClient client;
    private Process server;

    public static void main(String[] args) throws Exception {
        Path jar = findJar(Path.of(args.length > 0 ? args[0] : "target"));
        Path out = Path.of(args.length > 1 ? args[1] : "bench/results/latest.md");
        new Benchmark().run(jar, out);
    }

    private void run(Path jar, Path out) throws Exception {
        CdsService service = TestContent.catalog().find(SERVICE).orElseThrow(
                () -> new IllegalStateException("no service " + SERVICE + " in the bundled content"));
        Map<String, String> requests = BenchRequests.all(service);
        String patientId = BenchRequests.patientId();
        String margeryAsked = BenchRequests.margeryAsAsked(service);
        String wholeRecord = requests.values().stream().skip(2).findFirst().orElseThrow();

        int port = freePort();
        client = new BenchClient(URI.create("http://127.0.0.1:" + port + "/cds-services/" + SERVICE));
        line("# cql-hooks benchmark");
        line("");
        line("- date: " + LocalDate.now() + "; service: `" + SERVICE + "`; machine: "
                + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + "; JVM: " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version") + "; load average at the start: " + loadAverage());
        line("- server: `java -jar " + jar.getFileName() + "` (default JVM settings, GC log on), "
                + WARM_UP_NANOS / 1_000_000_000L + " s of warm-up calls per row; load generator: JDK HttpClient "
                + "in a separate JVM on the same machine; `--cds.limits.max-body-size=" + BODY_LIMIT
                + "` for the largest request; `--cds.limits.max-queued-calls=" + CLIENTS + "` (calls in flight stay "
                + "at the default, twice the cores; 8 clients then queue instead of being refused, and any 503 is "
                + "counted and sent again after Retry-After); " + CALLS + " measured calls per row after warm-up");
        line("");

        Files.createDirectories(GC_LOG.getParent());
        long t0 = System.nanoTime();
        server = new ProcessBuilder(javaBin(), "-Xlog:gc:file=" + GC_LOG, "-jar", jar.toString(),
                "--server.port=" + port,
                "--logging.level.org.cqlhooks=WARN",
                "--cds.limits.max-body-size=" + BODY_LIMIT,
                "--cds.limits.max-queued-calls=" + CLIENTS).redirectErrorStream(true)
                .redirectOutput(Path.of("bench/results/server.log").toFile()).start();
        try {
            String firstBody = requests.values().iterator().next();
            while (true) {
                try {
                    if (client.post(firstBody) == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
                if (!server.isAlive()) {
                    throw new IllegalStateException("server exited; see bench/results/server.log");
                }
            }
            double startMs = (System.nanoTime() - t0) / 1e6;
            line("## Start");
            line("");
            line("Time from `java -jar` to the first answered call: **" + fmt(startMs) + " ms**");
            line("");

            line("## Prefetch: latency and throughput");
            line("");
            line("Floors, measured in the load generator's JVM on the same request (warm, median of 200): Jackson "
                    + "tokenising the request bytes once (`JsonParser.nextToken` to the end), and HAPI's JSON parser "
                    + "on each prefetch value.");
            line("");
            line("| request | size | floor: Jackson tokens | HAPI parse | 1 client p50 | 1 client p99 | p99 ÷ p50 "
                    + "| 1 client calls/s | 8 clients p50 | 8 clients p99 | 8 clients calls/s | 8 ÷ 1 calls/s "
                    + "| 8 clients: 503s | p50 ÷ floor |");
            line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            Map<String, Double> p50s = new LinkedHashMap<>();
            for (Map.Entry<String, String> r : requests.entrySet()) {
                p50s.put(r.getKey(), measureRow(r.getKey(), r.getValue()));
            }
            line("");
            line("CPU time per call (server: the whole process, GC and JIT included, from /proc; load generator: "
                    + "its JVM), ms:");
            line("");
            line("| request | server, 1 client | server, 8 clients | load generator, 1 client | "
                    + "load generator, 8 clients |");
            line("|---|---|---|---|---|");
            cpuRows.forEach(this::line);
            line("");
            List<Double> values = new ArrayList<>(p50s.values());
            line("Whole record + " + BenchRequests.IRRELEVANT_OBSERVATIONS + " Observations no rule reads ÷ whole "
                    + "record, p50: **" + fmt(values.get(3) / values.get(2)) + "**");
            line("");
            heapUnderLoad(wholeRecord);
            new WithoutPrefetch(client, CALLS, WARM_UP_NANOS).measure(service, patientId, margeryAsked)
                    .forEach(this::line);
            line("Load average at the end: " + loadAverage());
        } finally {
            server.destroy();
            server.waitFor();
        }
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
        System.out.println("Report written to " + out);
    }

    /** One row of the table; returns the 1-client p50. */
    private double measureRow(String name, String text) throws Exception {
        // Encoded once: the load generator shares the cores with the server, so it should not re-encode megabytes.
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        long warmUntil = System.nanoTime() + WARM_UP_NANOS;
        for (int i = 0; i < 50 || System.nanoTime() < warmUntil; i++) {
            BenchClient.check(client.post(body));
        }
        double[] one = new double[CALLS];
        double serverCpu = CpuTime.of(server);
        double selfCpu = CpuTime.self();
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            long t = System.nanoTime();
            BenchClient.check(client.post(body));
            one[i] = (System.nanoTime() - t) / 1e6;
        }
        double oneRate = CALLS / ((System.nanoTime() - start) / 1e9);
        double serverOne = (CpuTime.of(server) - serverCpu) / CALLS;
        double selfOne = (CpuTime.self() - selfCpu) / CALLS;
        serverCpu = CpuTime.of(server);
        selfCpu = CpuTime.self();
        client.refused.set(0);
        BenchClient.Load eight = client.load(body, CLIENTS, CALLS);
        int refusedEight = client.refused.get();
        double serverEight = (CpuTime.of(server) - serverCpu) / (CLIENTS * CALLS);
        double selfEight = (CpuTime.self() - selfCpu) / (CLIENTS * CALLS);
        cpuRows.add("| " + name + " | " + fmt(serverOne) + " | " + fmt(serverEight) + " | " + fmt(selfOne) + " | "
                + fmt(selfEight) + " |");
        double floor = Floors.tokens(text);
        double hapi = Floors.hapiParse(text);
        Arrays.sort(one);
        double p50 = pct(one, 50);
        line("| " + name + " | " + (body.length / 1024) + " KB | " + fmt(floor) + " ms | " + fmt(hapi) + " ms | "
                + fmt(p50) + " ms | " + fmt(pct(one, 99)) + " ms | " + fmt(pct(one, 99) / p50) + " | "
                + fmt(oneRate) + " | " + fmt(pct(eight.latencies(), 50)) + " ms | " + fmt(pct(eight.latencies(), 99))
                + " ms | " + fmt(eight.rate()) + " | " + fmt(eight.rate() / oneRate) + " | " + refusedEight + " | "
                + fmt(p50 / floor) + " |");
        return p50;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*$", "$1");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private void heapUnderLoad(String body) throws Exception {
        ExecutorService loadPool = Executors.newSingleThreadExecutor();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Future<BenchClient.Load> running = loadPool.submit(() -> client.load(bytes, CLIENTS, CALLS / 2));
        Thread.sleep(1500);
        String pid = String.valueOf(server.pid());
        run(jcmd(), pid, "GC.run");
        running.get();
        loadPool.shutdown();
        // The GC log's line for that collection holds the heap before and after it: "Pause Full (Diagnostic
        // Command) 2333M->106M(388M)". Reading the heap afterwards would count what the running load allocated since.
        String log = Files.readString(GC_LOG);
        Matcher m = Pattern.compile("Pause Full \\((?:System.gc\\(\\)|Diagnostic Command)\\) (\\d+)M->(\\d+)M").matcher(log);
        String before = "?";
        String after = "?";
        while (m.find()) {
            before = m.group(1);
            after = m.group(2);
        }
        line("## Memory");
        line("");
        line("Heap after a full GC (`jcmd GC.run`) during an 8-client load of Margery's whole record: **" + after + " MB** (" + before
                + " MB before it; from the server's `-Xlog:gc`)");
        line("");
    }

    static double pct(double[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static String fmt(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.2f", v);
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    private static Path findJar(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("cql-hooks-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no cql-hooks jar in " + dir + ": run mvn package"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jcmd() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return Files.exists(jcmd) ? jcmd.toString() : "jcmd";
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
