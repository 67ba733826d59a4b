package dev.steward.haproxy.config;

import dev.steward.api.model.TargetGroup;
import java.util.Comparator;

/**
 * The order HAProxy must try routes in, since it takes the first that matches: the longest prefix
 * first (prefixes that both match a path on segment boundaries differ in length), then a route with
 * a host before a host-less one of the same prefix, then by name so that the order is stable.
 */
public final class RouteOrder {
    static final Comparator<TargetGroup> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((TargetGroup group) -> group.routePrefix().length()).reversed()
            .thenComparing(group -> group.routeHost().isEmpty())
            .thenComparing(TargetGroup::name);

    private RouteOrder() {}
}
