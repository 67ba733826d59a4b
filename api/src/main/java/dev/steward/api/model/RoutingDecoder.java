package dev.steward.api.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a plain tree, as JSON and HOCON parsers give it (maps, lists, strings, numbers), into the
 * validated model. Every error names the field by its full path; unknown fields are errors, not
 * silently ignored, so a typo never passes for a default.
 */
public final class RoutingDecoder {
    private static final Set<String> DOCUMENT_KEYS = Set.of("targetGroups", "fallbackTargets");
    private static final Set<String> GROUP_KEYS =
            Set.of("name", "routePrefix", "routeHost", "targets", "balance", "healthCheck", "retry");
    private static final Set<String> TARGET_KEYS = Set.of("host", "port", "replicaId", "weight");
    private static final Set<String> HEALTH_CHECK_KEYS = Set.of("path", "intervalMs", "rise", "fall");

    private RoutingDecoder() {}

    /**
     * A whole routing document, which names both kinds: an empty list says "none". A document without
     * one of them is refused rather than read as empty, so that a file truncated by an editor, or holding
     * only a comment, never takes every route down.
     */
    public static RoutingDocument document(Object tree) {
        TreeReader document = TreeReader.object("", tree, DOCUMENT_KEYS);
        for (String kind : List.of("targetGroups", "fallbackTargets")) {
            requireKind(document, kind, "a routing document names both targetGroups and fallbackTargets");
        }
        return new RoutingDocument(targetGroupsAt(document, "targetGroups"), fallbackTargetsAt(document, "fallbackTargets"));
    }

    /**
     * The body of a change of one group, {@code {"routePrefix": ..., "targets": [...]}}: the shape of one
     * element of {@code targetGroups}, whose {@code name}, when given, must be {@code name}.
     */
    public static TargetGroup group(Object tree, String name) {
        ModelRules.requireName("name", name);
        if (tree instanceof Map<?, ?> object && object.get("name") != null && !name.equals(object.get("name"))) {
            throw new InvalidBroadcastException("name", "must be " + ModelRules.quote(name) + ", the group of the path, found "
                    + TreeReader.describe(object.get("name")));
        }
        if (tree instanceof Map<?, ?> object && object.get("name") == null) {
            Map<Object, Object> named = new LinkedHashMap<>(object);
            named.put("name", name);
            return group("", named);
        }
        return group("", tree);
    }

    /** A body of the form {@code {"targetGroups": [...]}}, which must name its kind. */
    public static TargetGroups targetGroups(Object tree) {
        TreeReader body = TreeReader.object("", tree, Set.of("targetGroups"));
        requireKind(body, "targetGroups", "a document of target groups names them");
        return targetGroupsAt(body, "targetGroups");
    }

    /** A body of the form {@code {"fallbackTargets": [...]}}, which must name its kind. */
    public static FallbackTargets fallbackTargets(Object tree) {
        TreeReader body = TreeReader.object("", tree, Set.of("fallbackTargets"));
        requireKind(body, "fallbackTargets", "a document of fallback targets names them");
        return fallbackTargetsAt(body, "fallbackTargets");
    }

    private static void requireKind(TreeReader document, String kind, String rule) {
        if (!document.has(kind)) {
            throw new InvalidBroadcastException(kind, "is required: " + rule + ", with an empty list ([]) for none");
        }
    }

    private static TargetGroups targetGroupsAt(TreeReader parent, String key) {
        List<?> items = parent.list(key);
        List<TargetGroup> groups = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            groups.add(group(parent.path(key) + "[" + i + "]", items.get(i)));
        }
        return new TargetGroups(groups);
    }

    private static FallbackTargets fallbackTargetsAt(TreeReader parent, String key) {
        return new FallbackTargets(targets(parent, key));
    }

    private static TargetGroup group(String path, Object tree) {
        TreeReader group = TreeReader.object(path, tree, GROUP_KEYS);
        String name = group.string("name");
        String routePrefix = group.string("routePrefix");
        Optional<String> routeHost = group.optionalString("routeHost");
        List<Target> targets = targets(group, "targets");
        Balance balance = group.has("balance")
                ? Balance.fromLabel(group.path("balance"), group.string("balance"))
                : Balance.ROUND_ROBIN;
        HealthCheck healthCheck = group.has("healthCheck")
                ? healthCheck(group.path("healthCheck"), group.raw("healthCheck"))
                : HealthCheck.DEFAULT;
        RetryPolicy retry = group.has("retry")
                ? RetryPolicy.fromLabel(group.path("retry"), group.string("retry"))
                : RetryPolicy.ALL_METHODS;
        try {
            return new TargetGroup(name, routePrefix, routeHost, targets, balance, healthCheck, retry);
        } catch (InvalidBroadcastException problem) {
            throw problem.within(path);
        }
    }

    private static List<Target> targets(TreeReader parent, String key) {
        List<?> items = parent.list(key);
        List<Target> targets = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            targets.add(target(parent.path(key) + "[" + i + "]", items.get(i)));
        }
        return targets;
    }

    private static Target target(String path, Object tree) {
        TreeReader target = TreeReader.object(path, tree, TARGET_KEYS);
        String host = target.string("host");
        int port = target.integer("port");
        String replicaId = target.string("replicaId");
        int weight = target.integer("weight", Target.DEFAULT_WEIGHT);
        try {
            return new Target(host, port, replicaId, weight);
        } catch (InvalidBroadcastException problem) {
            throw problem.within(path);
        }
    }

    private static HealthCheck healthCheck(String path, Object tree) {
        TreeReader check = TreeReader.object(path, tree, HEALTH_CHECK_KEYS);
        HealthCheck defaults = HealthCheck.DEFAULT;
        Optional<String> checkPath = check.optionalString("path");
        int intervalMs = check.integer("intervalMs", (int) defaults.interval().toMillis());
        int rise = check.integer("rise", defaults.rise());
        int fall = check.integer("fall", defaults.fall());
        try {
            return new HealthCheck(checkPath, Duration.ofMillis(intervalMs), rise, fall);
        } catch (InvalidBroadcastException problem) {
            throw problem.within(path);
        }
    }
}
