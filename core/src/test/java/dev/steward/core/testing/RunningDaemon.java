package dev.steward.core.testing;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.ProxyStop;
import dev.steward.api.time.TimeSource;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Bootstrapped;
import dev.steward.core.daemon.Daemon;
import dev.steward.core.daemon.DaemonHandle;
import dev.steward.testkit.Eventually;
import dev.steward.testkit.FreePort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The whole daemon as {@code steward run} assembles it, with the real plugins found through
 * ServiceLoader, HAProxy on a free port, and the HTTP API on another. The caller's settings go
 * inside {@code steward { }}; the test's own come last and win.
 */
public final class RunningDaemon implements AutoCloseable {
    private static final Duration CONVERGE = Duration.ofSeconds(30);

    private final Daemon daemon;
    private final ApiClient api;
    private final int proxyPort;
    private final HttpClient proxyClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private RunningDaemon(Daemon daemon, ApiClient api, int proxyPort) {
        this.daemon = daemon;
        this.api = api;
        this.proxyPort = proxyPort;
    }

    /** Starts the daemon and waits until HAProxy serves the first state. */
    public static RunningDaemon start(Path home, String token, String settings) {
        return start(home, token, settings, FreePort.pick());
    }

    /**
     * Starts the daemon with HAProxy on {@code proxyPort} and waits until HAProxy serves the newest state: a
     * second start on the same home and port finds what the first left there.
     */
    public static RunningDaemon start(Path home, String token, String settings, int proxyPort) {
        requireNonNull(settings, "settings is null");
        try {
            Path conf = Files.createDirectories(home.resolve("conf")).resolve("steward.conf");
            Files.writeString(conf, """
                    steward {
                      %s
                      api { bind = "127.0.0.1:0", token = "%s", request-timeout = 2s }
                      haproxy.bind = "127.0.0.1:%d"
                    }
                    """.formatted(settings, token, proxyPort));
            Bootstrapped bootstrapped = Bootstrap.load(home, conf, true);
            DaemonHandle handle = DaemonHandle.create(bootstrapped, TimeSource.system());
            Daemon daemon = handle.daemon();
            daemon.start();
            ApiClient api = new ApiClient(handle.api().orElseThrow(), Optional.of(token));
            RunningDaemon running = new RunningDaemon(daemon, api, proxyPort);
            try {
                Eventually.await("the first state served", CONVERGE, () -> api.get("/-/ready").status() == 200);
            } catch (AssertionError notReady) {
                running.close();
                throw notReady;
            }
            return running;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    public ApiClient api() {
        return api;
    }

    public int proxyPort() {
        return proxyPort;
    }

    /** Waits until HAProxy serves the newest accepted revision. */
    public void awaitReady() {
        Eventually.await("the newest revision served", CONVERGE, () -> api.get("/-/ready").status() == 200);
    }

    /** A GET through HAProxy. */
    public HttpResponse<String> viaProxy(String path) throws IOException, InterruptedException {
        return proxyClient.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the daemon, leaving HAProxy as {@code how} says. */
    public void stop(ProxyStop how) {
        daemon.stop(how);
    }

    /** Waits until the daemon has stopped, as a {@code POST /v1/stop} makes it. */
    public void awaitStopped(Duration deadline) {
        Eventually.await("the daemon stopped", deadline, () -> {
            try {
                return daemon.awaitStop(Duration.ZERO);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
