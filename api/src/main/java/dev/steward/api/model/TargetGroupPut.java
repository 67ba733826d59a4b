package dev.steward.api.model;

import static java.util.Objects.requireNonNull;

/** One group added, or put in place of the group of its name, in the state being served. */
public record TargetGroupPut(TargetGroup group) implements Broadcast {
    public TargetGroupPut {
        requireNonNull(group, "group is null");
    }

    @Override
    public BroadcastKind kind() {
        return BroadcastKind.TARGET_GROUP;
    }
}
