package dev.steward.api.model;

/** One group taken out of the state being served. */
public record TargetGroupRemoval(String name) implements Broadcast {
    public TargetGroupRemoval {
        ModelRules.requireName("name", name);
    }

    @Override
    public BroadcastKind kind() {
        return BroadcastKind.TARGET_GROUP;
    }
}
