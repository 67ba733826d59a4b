package dev.steward.etcd;

import io.etcd.jetcd.Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd (the {@code etcd} binary, Debian's etcd-server) on free loopback ports with a data
 * directory of its own. Its output goes to a file. Stopped by {@link #close()}, which every test calls
 * also on failure; it can be stopped and started again on the same ports and data.
 */
final class EtcdServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final Path log;
    private final int clientPort = FreePort.pick();
    private final int peerPort = FreePort.pick();
    private Process process;
    private Client client;

    private EtcdServer(Path directory) {
        this.dataDirectory = directory.resolve("etcd-data");
        this.log = directory.resolve("etcd.log");
    }

    /** Starts etcd in {@code directory}; stops it again if it does not become healthy. */
    static EtcdServer start(Path directory) {
        EtcdServer server = new EtcdServer(directory);
        try {
            server.startProcess();
        } catch (RuntimeException | Error failure) {
            server.close();
            throw failure;
        }
        return server;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + clientPort);
    }

    int clientPort() {
        return clientPort;
    }

    /** A client for the test's own reads and writes, closed with the server. */
    synchronized Client client() {
        if (client == null) {
            client = Client.builder().endpoints(endpoint()).build();
        }
        return client;
    }

    /** Stops etcd as an operator would (SIGTERM); a watch on it is lost. */
    synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
            process = null;
        }
    }

    /** Starts it again on the same ports and data, after {@link #stop()}. */
    synchronized void restart() {
        stop();
        startProcess();
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        stop();
    }

    private void startProcess() {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        List<String> command = List.of(binary(), "--name", "steward-test", "--data-dir", dataDirectory.toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "steward-test=" + peer, "--initial-cluster-state", "new",
                "--logger", "zap", "--log-level", "warn");
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot start " + command.getFirst() + " (install etcd-server)", failure);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!healthy()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("etcd did not become healthy on " + client + ":\n" + logTail());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while etcd starts", interrupted);
            }
        }
    }

    private boolean healthy() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/health").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            try {
                return connection.getResponseCode() == 200
                        && new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("true");
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException unreadable) {
            return "(no log: " + unreadable.getMessage() + ")";
        }
    }

    private static String binary() {
        String configured = System.getProperty("steward.test.etcd", "");
        return configured.isBlank() ? "etcd" : configured;
    }
}
