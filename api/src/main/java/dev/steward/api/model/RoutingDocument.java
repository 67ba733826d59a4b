package dev.steward.api.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A whole routing state as a file or a store holds it: both kinds, accepted together. */
public record RoutingDocument(TargetGroups targetGroups, FallbackTargets fallbackTargets) {
    public RoutingDocument {
        requireNonNull(targetGroups, "targetGroups is null");
        requireNonNull(fallbackTargets, "fallbackTargets is null");
    }

    public List<Broadcast> broadcasts() {
        return List.of(targetGroups, fallbackTargets);
    }
}
