package dev.steward.api.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The inverse of {@link RoutingDecoder}: the model as a plain tree that any JSON writer can print. */
public final class RoutingEncoder {
    private RoutingEncoder() {}

    public static Map<String, Object> document(TargetGroups groups, FallbackTargets fallback) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("targetGroups", groups.groups().stream().map(RoutingEncoder::group).toList());
        tree.put("fallbackTargets", targets(fallback.targets()));
        return tree;
    }

    public static Map<String, Object> document(RoutingDocument document) {
        return document(document.targetGroups(), document.fallbackTargets());
    }

    public static Map<String, Object> group(TargetGroup group) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("name", group.name());
        tree.put("routePrefix", group.routePrefix());
        group.routeHost().ifPresent(host -> tree.put("routeHost", host));
        tree.put("targets", targets(group.targets()));
        tree.put("balance", group.balance().label());
        Map<String, Object> check = new LinkedHashMap<>();
        group.healthCheck().path().ifPresent(path -> check.put("path", path));
        check.put("intervalMs", group.healthCheck().interval().toMillis());
        check.put("rise", group.healthCheck().rise());
        check.put("fall", group.healthCheck().fall());
        tree.put("healthCheck", check);
        tree.put("retry", group.retry().label());
        return tree;
    }

    public static List<Object> targets(List<Target> targets) {
        return targets.stream().map(RoutingEncoder::target).toList();
    }

    private static Object target(Target target) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("host", target.host());
        tree.put("port", target.port());
        tree.put("replicaId", target.replicaId());
        tree.put("weight", target.weight());
        return tree;
    }
}
