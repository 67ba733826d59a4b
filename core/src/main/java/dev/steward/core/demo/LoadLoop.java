package dev.steward.core.demo;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that keep requesting routes through the proxy and check every answer: a 200 from the
 * route's own deployment is good, a 200 from another deployment is a misroute, anything else an
 * error. Runs until stopped, or for a bounded time; on loopback only.
 */
public final class LoadLoop implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI proxy;
    private final Map<String, String> deploymentByRoute;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong misroutes = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final long runNanos;

    /**
     * Clients that run until {@link #close()}.
     *
     * @param proxy the proxy's base address, such as {@code http://127.0.0.1:8080}
     * @param deploymentByRoute the deployment each route prefix must be answered by
     */
    public LoadLoop(URI proxy, Map<String, String> deploymentByRoute, int concurrency) {
        this(proxy, deploymentByRoute, concurrency, Long.MAX_VALUE);
    }

    private LoadLoop(URI proxy, Map<String, String> deploymentByRoute, int concurrency, long runNanos) {
        this.runNanos = runNanos;
        this.proxy = requireNonNull(proxy, "proxy is null");
        this.deploymentByRoute = Map.copyOf(requireNonNull(deploymentByRoute, "deploymentByRoute is null"));
        List<String> routes = new ArrayList<>(this.deploymentByRoute.keySet());
        for (int i = 0; i < concurrency; i++) {
            int first = i;
            clients.submit(() -> loop(routes, first));
        }
    }

    /** Clients that stop by themselves once {@code duration} has passed; {@link #awaitEnd()} waits for that. */
    public static LoadLoop bounded(URI proxy, Map<String, String> deploymentByRoute, int concurrency, Duration duration) {
        requireNonNull(duration, "duration is null");
        if (!duration.isPositive()) {
            throw new IllegalArgumentException("duration must be positive, found " + duration);
        }
        return new LoadLoop(proxy, deploymentByRoute, concurrency, duration.toNanos());
    }

    public LoadReport report() {
        return new LoadReport(requests.get(), errors.get(), misroutes.get());
    }

    /** Waits until the clients of a {@link #bounded} loop have stopped by themselves; returns what they saw. */
    public LoadReport awaitEnd() {
        if (runNanos == Long.MAX_VALUE) {
            throw new IllegalStateException("this load loop runs until close(); only a bounded one ends by itself");
        }
        long left = Math.max(0, runNanos - (System.nanoTime() - startNanos));
        clients.shutdown();
        try {
            clients.awaitTermination(left + REQUEST_TIMEOUT.plusSeconds(1).toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        close();
        return report();
    }

    /** Stops the clients and waits for their last requests; idempotent. */
    @Override
    public void close() {
        running.set(false);
        clients.shutdown();
        try {
            if (!clients.awaitTermination(REQUEST_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS)) {
                clients.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            clients.shutdownNow();
        }
        client.shutdownNow();
    }

    private void loop(List<String> routes, int first) {
        for (int turn = first; running.get() && System.nanoTime() - startNanos < runNanos; turn++) {
            String route = routes.get(turn % routes.size());
            record(route, send(route));
        }
    }

    /** The answer; empty when none came (refused, reset, timed out). */
    private Optional<HttpResponse<String>> send(String route) {
        try {
            return Optional.of(client.send(HttpRequest.newBuilder(proxy.resolve(route)).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString()));
        } catch (IOException failed) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private void record(String route, Optional<HttpResponse<String>> answer) {
        if (answer.isEmpty() && !running.get()) {
            // Interrupted by close(): not something the proxy did.
            return;
        }
        requests.incrementAndGet();
        if (answer.isEmpty() || answer.get().statusCode() != 200) {
            errors.incrementAndGet();
        } else if (!answer.get().body().startsWith(deploymentByRoute.get(route) + " ")) {
            misroutes.incrementAndGet();
        }
    }
}
