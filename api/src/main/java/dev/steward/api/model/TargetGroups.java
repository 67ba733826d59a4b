package dev.steward.api.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
            String route = route(group);
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

    /** The group of that name, if there is one. */
    public Optional<TargetGroup> group(String name) {
        return groups.stream().filter(group -> group.name().equals(name)).findFirst();
    }

    /**
     * These groups with {@code group} in place of the one of its name, or added after them.
     *
     * @throws InvalidBroadcastException naming {@code routePrefix} when another group has its route
     */
    public TargetGroups with(TargetGroup group) {
        String route = route(group);
        List<TargetGroup> next = new ArrayList<>(groups.size() + 1);
        boolean replaced = false;
        for (TargetGroup existing : groups) {
            if (existing.name().equals(group.name())) {
                next.add(group);
                replaced = true;
            } else {
                if (route(existing).equals(route)) {
                    throw new InvalidBroadcastException("routePrefix", "duplicates the route of group "
                            + ModelRules.quote(existing.name()) + " (" + ModelRules.quote(route) + ")");
                }
                next.add(existing);
            }
        }
        if (!replaced) {
            if (groups.size() == MAX_GROUPS) {
                throw new InvalidBroadcastException("name", "a new group would make " + (MAX_GROUPS + 1)
                        + " groups; at most " + MAX_GROUPS + " are served");
            }
            next.add(group);
        }
        return new TargetGroups(next);
    }

    /**
     * These groups without the one named {@code name}.
     *
     * @throws UnknownGroupException when there is none of that name
     */
    public TargetGroups without(String name) {
        List<TargetGroup> next = new ArrayList<>(groups);
        if (!next.removeIf(group -> group.name().equals(name))) {
            throw new UnknownGroupException(name);
        }
        return new TargetGroups(next);
    }

    /** A group's route as it must be unique: the host, case-folded, and the prefix. */
    private static String route(TargetGroup group) {
        return group.routeHost().map(host -> host.toLowerCase(Locale.ROOT)).orElse("") + group.routePrefix();
    }
}
