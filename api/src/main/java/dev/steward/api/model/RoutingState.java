package dev.steward.api.model;

import static java.util.Objects.requireNonNull;

/**
 * The newest target groups and the newest fallback targets, with the revision at which they were
 * accepted. Revisions only grow; revision 0 is the empty state before any broadcast.
 */
public record RoutingState(long revision, TargetGroups targetGroups, FallbackTargets fallbackTargets) {
    public static final RoutingState EMPTY = new RoutingState(0, TargetGroups.NONE, FallbackTargets.NONE);

    public RoutingState {
        if (revision < 0) {
            throw new IllegalArgumentException("revision must be >= 0, found " + revision);
        }
        requireNonNull(targetGroups, "targetGroups is null");
        requireNonNull(fallbackTargets, "fallbackTargets is null");
    }

    /**
     * This state with one broadcast applied, at a new revision.
     *
     * @throws InvalidBroadcastException when a group put clashes with another group's name or route
     * @throws UnknownGroupException when a group removal names no group of this state
     */
    public RoutingState with(Broadcast broadcast, long newRevision) {
        requireNonNull(broadcast, "broadcast is null");
        return switch (broadcast) {
            case TargetGroups groups -> new RoutingState(newRevision, groups, fallbackTargets);
            case FallbackTargets fallback -> new RoutingState(newRevision, targetGroups, fallback);
            case TargetGroupPut put -> new RoutingState(newRevision, targetGroups.with(put.group()), fallbackTargets);
            case TargetGroupRemoval removal -> new RoutingState(newRevision, targetGroups.without(removal.name()),
                    fallbackTargets);
        };
    }
}
