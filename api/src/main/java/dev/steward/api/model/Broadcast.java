package dev.steward.api.model;

/** One update from a source: the whole set of target groups, or the whole set of fallback targets. */
public sealed interface Broadcast permits TargetGroups, FallbackTargets {
    BroadcastKind kind();
}
