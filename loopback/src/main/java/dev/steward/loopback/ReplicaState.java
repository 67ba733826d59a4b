package dev.steward.loopback;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a replica's connections share: how it behaves now, how slowly, whether its health endpoint
 * passes, whether it was killed, and what it has counted. Requests that must wait (held, slowed,
 * silent) wait on this object, so that a change of behaviour or a kill wakes them at once.
 */
final class ReplicaState {
    private Replica.Behaviour behaviour;
    private Duration delay = Duration.ZERO;
    private boolean killed;
    private long heldSoFar;
    private final AtomicBoolean healthy;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger passedChecks = new AtomicInteger();
    private final AtomicInteger passedChecksAtFirstRequest = new AtomicInteger(-1);

    ReplicaState(Replica.Behaviour behaviour, boolean healthy) {
        this.behaviour = requireNonNull(behaviour, "behaviour is null");
        this.healthy = new AtomicBoolean(healthy);
    }

    synchronized void behave(Replica.Behaviour newBehaviour) {
        behaviour = requireNonNull(newBehaviour, "newBehaviour is null");
        notifyAll();
    }

    synchronized void slowDown(Duration newDelay) {
        requireNonNull(newDelay, "newDelay is null");
        if (newDelay.isNegative()) {
            throw new IllegalArgumentException("a delay cannot be negative, found " + newDelay);
        }
        delay = newDelay;
        notifyAll();
    }

    synchronized void kill() {
        killed = true;
        notifyAll();
    }

    void healthy(boolean value) {
        healthy.set(value);
    }

    /** Answers a health check: whether it passes, counted when it does. */
    boolean check() {
        boolean up = healthy.get();
        if (up) {
            passedChecks.incrementAndGet();
        }
        return up;
    }

    /** Counts a request that is not a health check. */
    void countRequest() {
        passedChecksAtFirstRequest.compareAndSet(-1, passedChecks.get());
        requests.incrementAndGet();
    }

    /**
     * Waits while the replica holds requests, then for its delay, and returns what to do with the
     * request; empty when the replica was killed meanwhile.
     */
    synchronized Optional<Replica.Behaviour> awaitTurn() throws InterruptedException {
        if (behaviour == Replica.Behaviour.HOLD && !killed) {
            heldSoFar++;
            notifyAll();
            while (behaviour == Replica.Behaviour.HOLD && !killed) {
                wait();
            }
        }
        long end = System.nanoTime() + delay.toNanos();
        for (long left = end - System.nanoTime(); left > 0 && !killed; left = end - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return killed ? Optional.empty() : Optional.of(behaviour);
    }

    /** Waits until the replica is killed: a silent replica's request never gets an answer. */
    synchronized void awaitKill() throws InterruptedException {
        while (!killed) {
            wait();
        }
    }

    /** @return whether a request was held before {@code bound} passed */
    synchronized boolean awaitHeld(Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        for (long left = bound.toNanos(); heldSoFar == 0 && left > 0; left = end - System.nanoTime()) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return heldSoFar > 0;
    }

    long requests() {
        return requests.get();
    }

    int passedChecks() {
        return passedChecks.get();
    }

    int passedChecksAtFirstRequest() {
        return passedChecksAtFirstRequest.get();
    }
}
