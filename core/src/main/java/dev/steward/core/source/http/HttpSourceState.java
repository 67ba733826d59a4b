package dev.steward.core.source.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.Broadcast;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.TargetGroupPut;
import dev.steward.api.model.TargetGroupRemoval;
import dev.steward.api.model.TargetGroups;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the {@code http} source has delivered, net: its newest target groups (with the group changes
 * sent after them folded in) and fallback targets, and the group changes it sent over groups that
 * another source had set, in the order they were last changed. Delivering {@link #broadcasts()} again
 * over the state those changes were sent into gives what it gave.
 *
 * @param groups the newest whole target groups it sent, with later changes of one group folded in
 * @param changes by group name, a {@link TargetGroupPut} or a {@link TargetGroupRemoval} that did not fold into {@code groups}
 */
record HttpSourceState(Optional<TargetGroups> groups, Optional<FallbackTargets> fallback, Map<String, Broadcast> changes) {
    static final HttpSourceState EMPTY = new HttpSourceState(Optional.empty(), Optional.empty(), Map.of());

    HttpSourceState {
        requireNonNull(groups, "groups is null");
        requireNonNull(fallback, "fallback is null");
        changes = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(changes, "changes is null")));
    }

    /** This state after the source delivered {@code broadcast}, which the engine accepted. */
    HttpSourceState with(Broadcast broadcast) {
        requireNonNull(broadcast, "broadcast is null");
        return switch (broadcast) {
            case TargetGroups whole -> new HttpSourceState(Optional.of(whole), fallback, Map.of());
            case FallbackTargets whole -> new HttpSourceState(groups, Optional.of(whole), changes);
            case TargetGroupPut put -> withChange(put.group().name(), broadcast,
                    groups.flatMap(known -> folded(() -> known.with(put.group()))));
            case TargetGroupRemoval removal -> withChange(removal.name(), broadcast, groups
                    .filter(known -> known.group(removal.name()).isPresent())
                    .map(known -> known.without(removal.name())));
        };
    }

    /** The broadcasts that deliver this state, whole kinds first; empty when nothing came over HTTP. */
    List<Broadcast> broadcasts() {
        List<Broadcast> broadcasts = new ArrayList<>(wholeKinds());
        broadcasts.addAll(changes.values());
        return List.copyOf(broadcasts);
    }

    /** The whole kinds alone, without the changes of one group. */
    List<Broadcast> wholeKinds() {
        List<Broadcast> broadcasts = new ArrayList<>();
        groups.ifPresent(broadcasts::add);
        fallback.ifPresent(broadcasts::add);
        return List.copyOf(broadcasts);
    }

    private HttpSourceState withChange(String name, Broadcast change, Optional<TargetGroups> foldedGroups) {
        Map<String, Broadcast> next = new LinkedHashMap<>(changes);
        next.remove(name);
        if (foldedGroups.isPresent()) {
            return new HttpSourceState(foldedGroups, fallback, next);
        }
        next.put(name, change);
        return new HttpSourceState(groups, fallback, next);
    }

    /**
     * The groups with one change folded in, or empty when they cannot take it: the engine took it into
     * groups another source had set since.
     */
    private static Optional<TargetGroups> folded(Supplier<TargetGroups> fold) {
        try {
            return Optional.of(fold.get());
        } catch (InvalidBroadcastException clash) {
            return Optional.empty();
        }
    }
}
