package dev.steward.distribution;

import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real etcd (Debian's etcd-server) on free loopback ports, its data and log in the test's folder,
 * read with {@code etcdctl}. Stopped by {@link #close()}, also when the test fails.
 */
final class Etcd implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(30);

    private final Path directory;
    private final int clientPort;
    private final Process process;

    private Etcd(Path directory, int clientPort, Process process) {
        this.directory = directory;
        this.clientPort = clientPort;
        this.process = process;
    }

    static Etcd start(Path directory) {
        int clientPort = FreePort.pick();
        int peerPort = FreePort.pick();
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        Etcd started;
        try {
            Files.createDirectories(directory);
            Process process = new ProcessBuilder("etcd", "--name", "it", "--data-dir", directory.resolve("data").toString(),
                    "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
                    "--initial-advertise-peer-urls", peer, "--initial-cluster", "it=" + peer, "--logger", "zap",
                    "--log-level", "warn")
                    .redirectErrorStream(true).redirectOutput(directory.resolve("etcd.log").toFile()).start();
            started = new Etcd(directory, clientPort, process);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot start etcd (install etcd-server)", failed);
        }
        try {
            Eventually.await("etcd healthy on " + started.endpoint(), START, started::health, "healthy"::equals);
        } catch (RuntimeException | AssertionError failed) {
            started.close();
            throw failed;
        }
        return started;
    }

    String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    /** The value of {@code key}, or an empty string when there is none. */
    String get(String key) {
        return etcdctl("get", key, "--print-value-only").stdout().strip();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private String health() {
        Launch launch = etcdctl("endpoint", "health");
        return launch.exitCode() == 0 ? "healthy" : launch.toString();
    }

    private Launch etcdctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("etcdctl", "--endpoints=" + endpoint(),
                "--command-timeout=2s"));
        command.addAll(List.of(arguments));
        try {
            Path out = Files.createTempFile(directory, "etcdctl", ".out");
            Path err = Files.createTempFile(directory, "etcdctl", ".err");
            Process etcdctl = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!etcdctl.waitFor(10, TimeUnit.SECONDS)) {
                etcdctl.destroyForcibly();
            }
            return new Launch(etcdctl.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot run etcdctl", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while etcdctl runs", interrupted);
        }
    }
}
