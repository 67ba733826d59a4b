package dev.steward.api.model;

/** The two kinds of broadcast; each is always a full snapshot of its kind. */
public enum BroadcastKind {
    TARGET_GROUPS("target_groups", "targetGroups"),
    FALLBACK_TARGETS("fallback_targets", "fallbackTargets");

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
