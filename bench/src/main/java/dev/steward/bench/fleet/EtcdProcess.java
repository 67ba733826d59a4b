package dev.steward.bench.fleet;

import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** An etcd on free loopback ports, its data and log in the run's folder; stopped by {@link #close()}. */
final class EtcdProcess implements AutoCloseable {
    private final int clientPort;
    private final Process process;

    private EtcdProcess(int clientPort, Process process) {
        this.clientPort = clientPort;
        this.process = process;
    }

    static EtcdProcess start(Path directory) throws IOException, InterruptedException {
        int clientPort = FreePort.pick();
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + FreePort.pick();
        Process process = new ProcessBuilder("etcd", "--name", "bench", "--data-dir", directory.resolve("etcd").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client, "--listen-peer-urls", peer,
                "--initial-advertise-peer-urls", peer, "--initial-cluster", "bench=" + peer, "--logger", "zap",
                "--log-level", "warn")
                .redirectErrorStream(true).redirectOutput(directory.resolve("etcd.log").toFile()).start();
        EtcdProcess etcd = new EtcdProcess(clientPort, process);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!etcd.healthy()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                etcd.close();
                throw new IllegalStateException("etcd did not start; see " + directory.resolve("etcd.log"));
            }
            Thread.sleep(50);
        }
        return etcd;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + clientPort);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private boolean healthy() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(endpoint() + "/health").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(1000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }
}
