package dev.steward.haproxy.slots;

/**
 * The names of HAProxy sections and ACLs. Group names come from the validated model, so a prefix
 * keeps Steward's own backends apart from any group.
 */
public final class BackendNames {
    public static final String FRONTEND = "steward";
    public static final String FALLBACK = "steward_fallback";
    public static final String NO_ROUTE = "steward_no_route";

    private BackendNames() {}

    public static String group(String groupName) {
        return "group_" + groupName;
    }
}
