package dev.steward.api.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The whole set of target groups: names unique, routes (host and prefix) unique. */
public record TargetGroups(List<TargetGroup> groups) implements Broadcast {
    public static final int MAX_GROUPS = 10_000;
    public static final TargetGroups NONE = new TargetGroups(List.of());

    public TargetGroups {
        String field = BroadcastKind.TARGET_GROUPS.field();
        if (groups == null) {
            throw new InvalidBroadcastException(field, "is required");
        }
        if (groups.size() > MAX_GROUPS) {
            throw new InvalidBroadcastException(field, "must hold at most " + MAX_GROUPS + " groups, found " + groups.size());
        }
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> routes = new HashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            TargetGroup group = groups.get(i);
            String path = field + "[" + i + "]";
            if (group == null) {
                throw new InvalidBroadcastException(path, "is null");
            }
            Integer earlier = names.putIfAbsent(group.name(), i);
            if (earlier != null) {
                throw new InvalidBroadcastException(path + ".name",
                        "duplicates " + field + "[" + earlier + "].name " + ModelRules.quote(group.name()));
            }
            String route = group.routeHost().map(String::toLowerCase).orElse("") + group.routePrefix();
            earlier = routes.putIfAbsent(route, i);
            if (earlier != null) {
                throw new InvalidBroadcastException(path + ".routePrefix",
                        "duplicates the route of " + field + "[" + earlier + "] (" + ModelRules.quote(route) + ")");
            }
        }
        groups = List.copyOf(groups);
    }

    @Override
    public BroadcastKind kind() {
        return BroadcastKind.TARGET_GROUPS;
    }
}
