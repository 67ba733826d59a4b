package dev.steward.core.http;

import dev.steward.api.time.TimeSource;
import dev.steward.core.config.ApiSettings;
import dev.steward.core.config.CoalesceSettings;
import dev.steward.core.engine.ExecutorApplyScheduler;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.core.lifecycle.StopRequests;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.source.http.HttpBroadcastSource;
import dev.steward.core.source.http.HttpBroadcastSourceProvider;
import dev.steward.core.testing.ApiClient;
import dev.steward.core.testing.FakePortPolicy;
import dev.steward.core.testing.MemoryStateStore;
import dev.steward.core.testing.RecordingBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real API server on a free loopback port over a real engine, with a recording backend, a fake
 * port policy and the real {@code http} source journaling into a folder of its own: the HTTP layer is
 * what is under test. Registered as an extension, it stops after each test.
 */
final class ApiFixture implements AutoCloseable, AfterEachCallback {
    static final String TOKEN = "s3cret-token-0123456789";
    static final long MAX_BODY = 64 * 1024;
    /** The JDK's server keeps one timeout per process: core's pom sets it to this for every test. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration APPLY_WAIT = Duration.ofSeconds(20);

    final RecordingBackend backend = new RecordingBackend();
    final FakePortPolicy ports = new FakePortPolicy();
    final PrometheusMetrics metrics = new PrometheusMetrics();
    final StopRequests stopRequests = new StopRequests();
    final MemoryStateStore store = new MemoryStateStore();
    final ReloadEngine engine;
    final ApiServer server;
    /** Where the http source keeps its journal; removed at close. */
    private final Path dataDirectory;
    private final Optional<HttpBroadcastSource> httpSource;
    private final BlockingQueue<Long> applied = new LinkedBlockingQueue<>();

    private ApiFixture(Optional<String> token, boolean httpSourceConfigured) {
        engine = new ReloadEngine(backend, new CoalesceSettings(Duration.ZERO, 3, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                new ExecutorApplyScheduler(), TimeSource.system(), metrics, List.of(state -> applied.add(state.revision())),
                store);
        try {
            dataDirectory = Files.createTempDirectory("steward-api-fixture");
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
        httpSource = httpSourceConfigured
                ? Optional.of(new HttpBroadcastSource(dataDirectory.resolve("http").resolve("changes.journal")))
                : Optional.empty();
        server = new ApiServer(new ApiSettings("127.0.0.1", 0, token, MAX_BODY, REQUEST_TIMEOUT),
                new ApiServices("node-1", engine, backend, ports, metrics,
                        List.of(httpSource.isPresent() ? httpSource.get() : new HttpBroadcastSourceProvider()), stopRequests));
    }

    /** Started: the backend runs, the engine applied the empty state, the API listens. */
    static ApiFixture started() {
        return started(Optional.empty(), true);
    }

    static ApiFixture started(Optional<String> token, boolean httpSource) {
        ApiFixture fixture = new ApiFixture(token, httpSource);
        fixture.backend.start();
        fixture.httpSource.ifPresent(source -> source.start(fixture.engine.sink("http")));
        fixture.engine.start();
        fixture.server.start();
        fixture.awaitApplied(0);
        return fixture;
    }

    ApiClient client() {
        return new ApiClient(server.uri().orElseThrow(), Optional.empty());
    }

    /** Waits until the engine reports {@code revision} (or a newer one) applied. */
    void awaitApplied(long revision) {
        long deadline = System.nanoTime() + APPLY_WAIT.toNanos();
        try {
            while (true) {
                Long next = applied.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("revision " + revision + " was not applied within " + APPLY_WAIT);
                }
                if (next >= revision) {
                    return;
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop();
        engine.stop();
        httpSource.ifPresent(HttpBroadcastSource::close);
        backend.close();
        if (!Files.exists(dataDirectory)) {
            return;
        }
        try (var files = Files.walk(dataDirectory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException undeletable) {
            throw new UncheckedIOException(undeletable);
        }
    }
}
