package dev.steward.haproxy.slots;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Target;
import dev.steward.api.time.TimeSource;
import dev.steward.haproxy.runtime.ServerName;
import dev.steward.haproxy.runtime.ServerSessions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The slots whose target left and that drain in the running HAProxy: no new requests, those in
 * flight finish. A slot returns to its pool once HAProxy counts no request on it, or when the drain
 * timeout has passed. Until then the allocator sees its target still in place, so no newcomer takes it.
 */
public final class Drains {
    private final Duration timeout;
    private final TimeSource time;
    private final Map<ServerName, Drain> draining = new LinkedHashMap<>();
    /** Read by the port gate's thread while applies change the drains under the backend's lock. */
    private volatile OptionalLong oldestRemoval = OptionalLong.empty();

    public Drains(Duration timeout, TimeSource time) {
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.time = requireNonNull(time, "time is null");
    }

    /**
     * One draining slot.
     *
     * @param server the slot
     * @param target the target it drains
     * @param removedAt the revision that removed the target: the slot routes to it until the drain ends
     * @param deadlineNanos when the slot returns to its pool even with requests left, on the monotonic clock
     */
    record Drain(ServerName server, Target target, long removedAt, long deadlineNanos) {
        Drain {
            requireNonNull(server, "server is null");
            requireNonNull(target, "target is null");
        }
    }

    /** {@code plan} with every draining target back in its slot: what the allocator keeps from newcomers. */
    SlotPlan overlay(SlotPlan plan) {
        requireNonNull(plan, "plan is null");
        Map<String, SlotPool> groups = new HashMap<>();
        plan.groups().forEach((name, pool) -> groups.put(name, overlay(BackendNames.group(name), pool)));
        return new SlotPlan(groups, overlay(BackendNames.FALLBACK, plan.fallback()));
    }

    /**
     * The drains once the slots go from {@code before} (an {@link #overlay}) to {@code after}: a slot
     * whose target left drains, one that drained already keeps its deadline, and one whose target came
     * back serves again. Nothing changes here until {@link #replace} takes the result.
     */
    Map<ServerName, Drain> after(SlotPlan before, SlotPlan after, long revision) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        Map<String, SlotPool> previous = before.byBackend();
        long deadline = time.monotonicNanos() + timeout.toNanos();
        Map<ServerName, Drain> next = new LinkedHashMap<>();
        after.byBackend().forEach((backend, pool) -> {
            for (Slot slot : previous.getOrDefault(backend, SlotPool.NONE).slots()) {
                Optional<Target> left = slot.target();
                ServerName name = slot.in(backend);
                boolean vacated = pool.slot(name.server()).flatMap(Slot::target).isEmpty();
                if (left.isPresent() && vacated) {
                    Drain earlier = draining.get(name);
                    next.put(name, earlier != null ? earlier : new Drain(name, left.get(), revision, deadline));
                }
            }
        });
        return next;
    }

    void replace(Map<ServerName, Drain> drains) {
        requireNonNull(drains, "drains is null");
        draining.clear();
        draining.putAll(drains);
        noteOldestRemoval();
    }

    /** Forgets every drain: after a reload, the old process finishes what was in flight. */
    void clear() {
        draining.clear();
        noteOldestRemoval();
    }

    /** The oldest revision that removed a target still draining; empty when nothing drains. */
    OptionalLong oldestRemoval() {
        return oldestRemoval;
    }

    boolean isEmpty() {
        return draining.isEmpty();
    }

    /** The draining targets by slot. */
    Map<ServerName, Target> targets() {
        return targets(draining);
    }

    static Map<ServerName, Target> targets(Map<ServerName, Drain> drains) {
        Map<ServerName, Target> targets = new LinkedHashMap<>();
        drains.forEach((server, drain) -> targets.put(server, drain.target()));
        return targets;
    }

    /**
     * Ends the drains that are over, and says which and why.
     *
     * @param sessions the requests on the servers of one backend, asked once per backend with a drain left
     */
    List<Released> releaseFinished(Function<String, ServerSessions> sessions) {
        requireNonNull(sessions, "sessions is null");
        long now = time.monotonicNanos();
        Map<String, ServerSessions> byBackend = new HashMap<>();
        List<Released> released = new ArrayList<>();
        for (Drain drain : List.copyOf(draining.values())) {
            if (now - drain.deadlineNanos() >= 0) {
                released.add(new Released(drain, Released.Cause.TIMEOUT));
            } else if (byBackend.computeIfAbsent(drain.server().backend(), sessions).of(drain.server()) == 0) {
                released.add(new Released(drain, Released.Cause.EMPTY));
            }
        }
        released.forEach(done -> draining.remove(done.drain().server()));
        noteOldestRemoval();
        return released;
    }

    private void noteOldestRemoval() {
        oldestRemoval = draining.values().stream().mapToLong(Drain::removedAt).min();
    }

    private SlotPool overlay(String backend, SlotPool pool) {
        List<Slot> slots = new ArrayList<>(pool.size());
        for (Slot slot : pool.slots()) {
            Optional<Target> drained = slot.target().isEmpty()
                    ? Optional.ofNullable(draining.get(slot.in(backend))).map(Drain::target)
                    : Optional.empty();
            slots.add(drained.isPresent() ? new Slot(slot.number(), drained) : slot);
        }
        return new SlotPool(slots);
    }

    /**
     * A drain that ended.
     *
     * @param drain the slot and its target
     * @param cause why it ended
     */
    record Released(Drain drain, Cause cause) {
        Released {
            requireNonNull(drain, "drain is null");
            requireNonNull(cause, "cause is null");
        }

        enum Cause {
            /** HAProxy counted no request left on the slot. */
            EMPTY,
            /** The drain timeout passed with requests left; they go on, the slot serves another target. */
            TIMEOUT
        }
    }
}
