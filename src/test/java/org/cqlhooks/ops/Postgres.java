package org.cqlhooks.ops;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real PostgreSQL for the operations tests (zonky's embedded binaries), one per test, that can be stopped and
 * started again on the same port with the same data: the database of several replicas, going away and coming back.
 */
final class Postgres implements AutoCloseable {

    private final Path data;
    private final int port;
    private EmbeddedPostgres server;

    Postgres() throws IOException {
        this.data = Files.createTempDirectory("ops-postgres-");
        try (ServerSocket free = new ServerSocket(0)) {
            this.port = free.getLocalPort();
        }
        start();
    }

    /** The JDBC URL of its {@code postgres} database, for spring.datasource.url. */
    String url() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    synchronized void start() throws IOException {
        server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD)
                .setErrorRedirector(ProcessBuilder.Redirect.DISCARD).start();
    }

    synchronized void stop() throws IOException {
        server.close();
    }

    @Override
    public void close() throws IOException {
        stop();
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
