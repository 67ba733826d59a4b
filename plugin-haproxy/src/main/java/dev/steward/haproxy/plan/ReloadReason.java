package dev.steward.haproxy.plan;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.RoutingState;
import dev.steward.api.model.TargetGroup;
import dev.steward.haproxy.slots.SlotPlan;
import dev.steward.haproxy.slots.SlotPool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Says what changed between two routing states, for the log line of a reload. */
public final class ReloadReason {
    private static final int NAMES_SHOWN = 5;

    private ReloadReason() {}

    public static String between(RoutingState before, RoutingState after) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        Map<String, TargetGroup> old = byName(before);
        Map<String, TargetGroup> now = byName(after);
        TreeSet<String> added = new TreeSet<>(now.keySet());
        added.removeAll(old.keySet());
        TreeSet<String> removed = new TreeSet<>(old.keySet());
        removed.removeAll(now.keySet());
        TreeSet<String> routes = new TreeSet<>();
        TreeSet<String> targets = new TreeSet<>();
        TreeSet<String> settings = new TreeSet<>();
        for (TargetGroup group : now.values()) {
            TargetGroup earlier = old.get(group.name());
            if (earlier == null) {
                continue;
            }
            if (!earlier.routePrefix().equals(group.routePrefix()) || !earlier.routeHost().equals(group.routeHost())) {
                routes.add(group.name());
            }
            if (!new HashSet<>(earlier.targets()).equals(new HashSet<>(group.targets()))) {
                targets.add(group.name());
            }
            if (earlier.balance() != group.balance() || !earlier.healthCheck().equals(group.healthCheck())
                    || earlier.retry() != group.retry()) {
                settings.add(group.name());
            }
        }
        List<String> changes = new ArrayList<>();
        describe(changes, "groups added", added);
        describe(changes, "groups removed", removed);
        describe(changes, "routes changed", routes);
        describe(changes, "targets changed", targets);
        describe(changes, "balance, health check or retry changed", settings);
        if (!new HashSet<>(before.fallbackTargets().targets()).equals(new HashSet<>(after.fallbackTargets().targets()))) {
            changes.add("fallback targets changed");
        }
        return changes.isEmpty() ? "configuration changed" : String.join("; ", changes);
    }

    /** The pools of {@code after} that are larger than in {@code before}, as {@code "pools grown: app1 8 to 16 slots"}. */
    public static Optional<String> poolsGrown(SlotPlan before, SlotPlan after) {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        Map<String, SlotPool> old = before.byBackend();
        TreeSet<String> grown = new TreeSet<>();
        after.byBackend().forEach((backend, pool) -> {
            SlotPool earlier = old.get(backend);
            if (earlier != null && earlier.size() < pool.size()) {
                grown.add(backend + " " + earlier.size() + " to " + pool.size() + " slots");
            }
        });
        List<String> changes = new ArrayList<>();
        describe(changes, "pools grown", grown);
        return changes.stream().findFirst();
    }

    private static void describe(List<String> changes, String what, TreeSet<String> names) {
        if (names.isEmpty()) {
            return;
        }
        String shown = names.stream().limit(NAMES_SHOWN).collect(Collectors.joining(", "));
        changes.add(what + ": " + shown + (names.size() > NAMES_SHOWN ? " (+" + (names.size() - NAMES_SHOWN) + " more)" : ""));
    }

    private static Map<String, TargetGroup> byName(RoutingState state) {
        return state.targetGroups().groups().stream().collect(Collectors.toMap(TargetGroup::name, Function.identity()));
    }
}
