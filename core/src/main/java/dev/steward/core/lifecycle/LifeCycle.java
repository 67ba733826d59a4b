package dev.steward.core.lifecycle;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts services in order and stops them in reverse; a failed start stops what had started, and
 * stop failures are collected, never dropped.
 */
public final class LifeCycle {
    private static final Logger LOG = LoggerFactory.getLogger(LifeCycle.class);

    /** Where the life cycle is. */
    public enum State {
        LATENT, STARTING, STARTED, STOPPING, STOPPED
    }

    /** A start action and the stop action that undoes it. */
    public interface Service {
        void start();

        void stop();
    }

    private final List<NamedService> services = new ArrayList<>();
    private final Deque<NamedService> started = new ArrayDeque<>();
    private State state = State.LATENT;

    public synchronized LifeCycle add(String name, Service service) {
        if (state != State.LATENT) {
            throw new IllegalStateException("cannot add " + name + " to a life cycle that is " + state);
        }
        services.add(new NamedService(requireNonNull(name, "name is null"), requireNonNull(service, "service is null")));
        return this;
    }

    /** Starts every service in order; if one fails, stops those already started and rethrows. */
    public synchronized void start() {
        if (state != State.LATENT) {
            throw new IllegalStateException("life cycle already " + state);
        }
        state = State.STARTING;
        for (NamedService service : services) {
            try {
                LOG.debug("starting {}", service.name());
                service.service().start();
                started.push(service);
            } catch (RuntimeException failure) {
                List<StopFailure> stopFailures = stop();
                stopFailures.forEach(stopFailure -> failure.addSuppressed(stopFailure.cause()));
                throw failure;
            }
        }
        state = State.STARTED;
    }

    /** Stops started services in reverse order; safe to call more than once. */
    public synchronized List<StopFailure> stop() {
        if (state == State.STOPPED || state == State.LATENT) {
            state = State.STOPPED;
            return List.of();
        }
        state = State.STOPPING;
        List<StopFailure> failures = new ArrayList<>();
        while (!started.isEmpty()) {
            NamedService service = started.pop();
            try {
                LOG.debug("stopping {}", service.name());
                service.service().stop();
            } catch (RuntimeException failure) {
                LOG.error("stopping {} failed", service.name(), failure);
                failures.add(new StopFailure(service.name(), failure));
            }
        }
        state = State.STOPPED;
        return List.copyOf(failures);
    }

    public synchronized State state() {
        return state;
    }

    /** A service whose stop failed. */
    public record StopFailure(String service, RuntimeException cause) {
        public StopFailure {
            requireNonNull(service, "service is null");
            requireNonNull(cause, "cause is null");
        }
    }

    private record NamedService(String name, Service service) {}
}
