package dev.steward.api.model;

/**
 * One update from a source: the whole set of target groups, the whole set of fallback targets, or one
 * group added, replaced or removed in the state being served.
 */
public sealed interface Broadcast permits TargetGroups, FallbackTargets, TargetGroupPut, TargetGroupRemoval {
    BroadcastKind kind();
}
