package dev.steward.api.model;

/** The kinds of broadcast: a full snapshot of the groups or of the fallback targets, or one group. */
public enum BroadcastKind {
    TARGET_GROUPS("target_groups", "targetGroups"),
    FALLBACK_TARGETS("fallback_targets", "fallbackTargets"),
    /** One group put or removed; its field is the group itself. */
    TARGET_GROUP("target_group", "targetGroup");

    private final String label;
    private final String field;

    BroadcastKind(String label, String field) {
        this.label = label;
        this.field = field;
    }

    /** The value of the {@code kind} label in metrics. */
    public String label() {
        return label;
    }

    /** The field that holds this kind in a routing document. */
    public String field() {
        return field;
    }
}
