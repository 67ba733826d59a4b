package dev.steward.etcd;

import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A real etcd (the {@code etcd} binary, Debian's etcd-server) on free loopback ports with a data
 * directory of its own. Its output goes to a file. Stopped by {@link #close()}, which every test calls
 * also on failure; it can be stopped and started again on the same ports and data.
 */
final class EtcdServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final Path log;
    private final Optional<TestCertificates> tls;
    private final int clientPort = FreePort.pick();
    private final int peerPort = FreePort.pick();
    private Process process;
    private Client client;

    private EtcdServer(Path directory, Optional<TestCertificates> tls) {
        this.dataDirectory = directory.resolve("etcd-data");
        this.log = directory.resolve("etcd.log");
        this.tls = tls;
    }

    /** Starts etcd in {@code directory}; stops it again if it does not become healthy. */
    static EtcdServer start(Path directory) {
        return start(new EtcdServer(directory, Optional.empty()));
    }

    /** Starts etcd serving https with {@code certificates}; clients must show a certificate its authority signed. */
    static EtcdServer startWithTls(Path directory, TestCertificates certificates) {
        return start(new EtcdServer(directory, Optional.of(certificates)));
    }

    private static EtcdServer start(EtcdServer server) {
        try {
            server.startProcess();
        } catch (RuntimeException | Error failure) {
            server.close();
            throw failure;
        }
        return server;
    }

    URI endpoint() {
        return URI.create((tls.isPresent() ? "https" : "http") + "://127.0.0.1:" + clientPort);
    }

    /** How a client reaches this server: with the client certificate when it serves https. */
    Connection connection() {
        return new Connection(List.of(endpoint()), tls.map(certificates -> new Connection.Tls(Optional.of(certificates.ca()),
                Optional.of(new Connection.ClientCertificate(certificates.clientCertificate(), certificates.clientKey())))),
                Optional.empty(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    /** Runs {@code etcdctl} against this server; fails unless it succeeds. */
    String etcdctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("etcdctl", "--endpoints=" + endpoint(), "--command-timeout=5s"));
        tls.ifPresent(certificates -> command.addAll(List.of("--cacert=" + certificates.ca(),
                "--cert=" + certificates.clientCertificate(), "--key=" + certificates.clientKey())));
        command.addAll(List.of(arguments));
        try {
            Path output = Files.createTempFile(log.getParent(), "etcdctl", ".txt");
            Process etcdctl = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!etcdctl.waitFor(15, TimeUnit.SECONDS) || etcdctl.exitValue() != 0) {
                etcdctl.destroyForcibly();
                throw new IllegalStateException(command + " failed:\n" + Files.readString(output));
            }
            return Files.readString(output);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while etcdctl runs", interrupted);
        }
    }

    int clientPort() {
        return clientPort;
    }

    /**
     * A client for the test's own reads and writes, closed with the server. Unlike Steward's, its calls
     * wait for a connection, as a controller's would: a write right after a restart of etcd goes through.
     */
    synchronized Client client() {
        if (client == null) {
            ClientBuilder builder = Client.builder().endpoints(endpoint());
            if (tls.isPresent()) {
                TestCertificates certificates = tls.get();
                try {
                    builder.sslContext(ssl -> ssl.trustManager(certificates.ca().toFile())
                            .keyManager(certificates.clientCertificate().toFile(), certificates.clientKey().toFile()));
                } catch (SSLException unusable) {
                    throw new IllegalStateException(unusable);
                }
            }
            client = builder.build();
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
        String peer = "http://127.0.0.1:" + peerPort;
        String client = endpoint().toString();
        List<String> command = new ArrayList<>(List.of(binary(), "--name", "steward-test", "--data-dir",
                dataDirectory.toString(), "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "steward-test=" + peer, "--initial-cluster-state", "new",
                "--logger", "zap", "--log-level", "warn"));
        tls.ifPresent(certificates -> command.addAll(List.of("--cert-file=" + certificates.serverCertificate(),
                "--key-file=" + certificates.serverKey(), "--trusted-ca-file=" + certificates.ca(), "--client-cert-auth")));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException failure) {
            throw new UncheckedIOException("cannot start " + command.getFirst() + " (install etcd-server)", failure);
        }
        try {
            Eventually.await("etcd healthy on " + client, START_TIMEOUT, () -> !process.isAlive() || healthy());
        } catch (AssertionError notHealthy) {
            throw new IllegalStateException("etcd did not become healthy on " + client + ":\n" + logTail(), notHealthy);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("etcd exited before it became healthy on " + client + ":\n" + logTail());
        }
    }

    private boolean healthy() {
        if (tls.isPresent()) {
            try {
                return etcdctl("endpoint", "health").contains("is healthy");
            } catch (IllegalStateException notYet) {
                return false;
            }
        }
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
