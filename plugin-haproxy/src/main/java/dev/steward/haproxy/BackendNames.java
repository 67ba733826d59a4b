package dev.steward.haproxy;

/**
 * The names of HAProxy sections and ACLs. Group names come from the validated model, so a prefix
 * keeps Steward's own backends apart from any group.
 */
final class BackendNames {
    static final String FRONTEND = "steward";
    static final String FALLBACK = "steward_fallback";
    static final String NO_ROUTE = "steward_no_route";

    private BackendNames() {}

    static String group(String groupName) {
        return "group_" + groupName;
    }
}
