package dev.steward.core.demo;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.core.daemon.Daemon;
import dev.steward.core.daemon.DaemonHandle;
import dev.steward.core.engine.EngineStatus;
import dev.steward.core.engine.ReloadEngine;
import dev.steward.loopback.LoadLoop;
import dev.steward.loopback.LoadReport;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Steward with its own HAProxy, three deployments of local replicas on leased ports, a controller
 * that churns them, and clients that check every answer, with a live status line. Stops after its
 * duration, or on Ctrl-C, and leaves no process behind.
 */
public final class Demo {
    private static final List<String> DEPLOYMENTS = List.of("shop", "search", "chat");
    private static final int CLIENTS = 4;
    private static final Duration CHURN_EVERY = Duration.ofMillis(1500);
    private static final Duration REFRESH_EVERY = Duration.ofMillis(500);

    private final PrintStream out;
    private final DaemonHandle handle;
    private final Optional<Duration> duration;
    private final StatusLine statusLine;
    private final Optional<Path> logFile;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /**
     * @param duration how long to run; empty runs until {@link #requestStop()}
     * @param statusLine where the live status goes, on {@code out}
     * @param logFile where Steward's log goes, when not to {@code out}'s terminal
     */
    public Demo(PrintStream out, DaemonHandle handle, Optional<Duration> duration, StatusLine statusLine,
            Optional<Path> logFile) {
        this.out = requireNonNull(out, "out is null");
        this.handle = requireNonNull(handle, "handle is null");
        this.duration = requireNonNull(duration, "duration is null");
        this.statusLine = requireNonNull(statusLine, "statusLine is null");
        this.logFile = requireNonNull(logFile, "logFile is null");
    }

    /**
     * Runs the demo, prints what the clients saw, and says whether every answer they got was right:
     * no error, no misroute.
     */
    public boolean run() {
        try {
            LoadReport report = churnAndStop();
            out.printf("Done: %d requests, %d errors, %d misroutes.%n", report.requests(), report.errors(), report.misroutes());
            return report.errors() == 0 && report.misroutes() == 0;
        } finally {
            finished.countDown();
        }
    }

    private LoadReport churnAndStop() {
        Daemon daemon = handle.daemon();
        ReloadEngine engine = handle.engine();
        ProxyBackend backend = handle.backend();
        URI proxy = backend.status().frontend().orElseThrow(() -> new IllegalStateException(
                "the proxy backend " + backend.describe() + " does not say where clients reach it; the demo needs that"));
        daemon.start();
        try (DemoFleet fleet = new DemoFleet(engine, handle.portPolicy(), DEPLOYMENTS, System.nanoTime())) {
            out.println("Starting " + DEPLOYMENTS.size() + " deployments of demo replicas...");
            fleet.populate();
            banner(proxy);
            LoadReport last;
            try (LoadLoop load = LoadLoop.to(proxy).routes(fleet.deploymentByRoute()).connections(CLIENTS).start()) {
                last = churnUntilStopped(fleet, engine, load);
            }
            out.println();
            out.println("Stopping: demo replicas, then Steward and HAProxy...");
            return last;
        } finally {
            // Whatever steward.haproxy.on-stop says, the demo leaves no process behind.
            daemon.stop(ProxyStop.STOP);
        }
    }

    /** Asks a running demo to stop and waits, within a bound, until it has cleaned up. */
    public void requestStop() {
        stopRequested.countDown();
        try {
            finished.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private LoadReport churnUntilStopped(DemoFleet fleet, ReloadEngine engine, LoadLoop load) {
        long start = System.nanoTime();
        long nextChurn = start + CHURN_EVERY.toNanos();
        while (!stopped(start)) {
            if (System.nanoTime() - nextChurn >= 0) {
                String what = fleet.churn();
                statusLine.event(what, status(fleet, engine.status(), load.report()));
                nextChurn = System.nanoTime() + CHURN_EVERY.toNanos();
            }
            statusLine.update(status(fleet, engine.status(), load.report()));
        }
        LoadReport report = load.report();
        statusLine.last(status(fleet, engine.status(), report));
        return report;
    }

    private boolean stopped(long start) {
        try {
            if (stopRequested.await(REFRESH_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return true;
        }
        return duration.map(limit -> System.nanoTime() - start >= limit.toNanos()).orElse(false);
    }

    private void banner(URI proxy) {
        out.println();
        out.println("Steward demo: HAProxy serves " + DEPLOYMENTS.size() + " deployments on " + proxy);
        DEPLOYMENTS.forEach(deployment -> out.println("  curl " + proxy.resolve("/" + deployment)));
        handle.api().ifPresent(api -> out.println("  status: curl " + api.resolve("/v1/status")));
        out.println("A controller churns the replicas (scale up, scale down, replace) while clients check every answer.");
        logFile.ifPresent(log -> out.println("Steward's log: " + log));
        out.println(duration.map(limit -> "Runs for " + limit.toSeconds() + " s.").orElse("Ctrl-C stops everything."));
        out.println();
    }

    private static String status(DemoFleet fleet, EngineStatus engine, LoadReport load) {
        return String.format("requests %d  errors %d  misroutes %d  reloads %d  runtime updates %d  revision %d  replicas %d",
                load.requests(), load.errors(), load.misroutes(), engine.reloads(), engine.runtimeUpdates(),
                engine.receivedRevision(), fleet.replicaCount());
    }
}
