package dev.steward.core.ports;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Looks again every period, because an old proxy process exits without any apply to announce it. */
public final class PortGateRefresher {
    private static final Logger LOG = LoggerFactory.getLogger(PortGateRefresher.class);

    private final PortGate gate;
    private final Duration period;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "steward-port-gate");
        thread.setDaemon(true);
        return thread;
    });

    public PortGateRefresher(PortGate gate, Duration period) {
        this.gate = requireNonNull(gate, "gate is null");
        this.period = requireNonNull(period, "period is null");
    }

    public void start() {
        executor.scheduleWithFixedDelay(this::refresh, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void stop() {
        executor.shutdownNow();
    }

    private void refresh() {
        try {
            gate.refresh();
        } catch (RuntimeException unexpected) {
            LOG.error("refreshing the port gate failed", unexpected);
        }
    }
}
