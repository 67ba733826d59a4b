package dev.steward.api.model;

import java.util.List;

/** The endpoints that serve a route whose own group has no usable target. */
public record FallbackTargets(List<Target> targets) implements Broadcast {
    public static final FallbackTargets NONE = new FallbackTargets(List.of());

    public FallbackTargets {
        targets = UniqueTargets.require(BroadcastKind.FALLBACK_TARGETS.field(), targets);
    }

    @Override
    public BroadcastKind kind() {
        return BroadcastKind.FALLBACK_TARGETS;
    }
}
