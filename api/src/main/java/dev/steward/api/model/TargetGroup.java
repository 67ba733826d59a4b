package dev.steward.api.model;

import java.util.List;
import java.util.Optional;

/**
 * A named set of targets serving one route.
 *
 * @param name unique among groups, in the name alphabet
 * @param routePrefix requests whose path is this prefix, or starts with it followed by {@code /}
 * @param routeHost when present, only requests for this host name (case-insensitive) match
 * @param targets the replicas; replica ids and addresses are unique within the group
 * @param balance how requests are spread
 * @param healthCheck how targets are checked
 * @param retry which failed requests go again to another replica
 */
public record TargetGroup(
        String name,
        String routePrefix,
        Optional<String> routeHost,
        List<Target> targets,
        Balance balance,
        HealthCheck healthCheck,
        RetryPolicy retry) {
    public static final int MAX_TARGETS = 10_000;

    public TargetGroup {
        ModelRules.requireName("name", name);
        ModelRules.requireRoutePrefix("routePrefix", routePrefix);
        if (routeHost == null) {
            throw new InvalidBroadcastException("routeHost", "is required (use Optional.empty())");
        }
        routeHost.ifPresent(host -> {
            if (!ModelRules.isDnsName(host)) {
                throw new InvalidBroadcastException("routeHost", "must be a DNS name, found " + ModelRules.quote(host));
            }
        });
        targets = UniqueTargets.require("targets", targets);
        if (balance == null) {
            throw new InvalidBroadcastException("balance", "is required");
        }
        if (healthCheck == null) {
            throw new InvalidBroadcastException("healthCheck", "is required");
        }
        if (retry == null) {
            throw new InvalidBroadcastException("retry", "is required");
        }
    }

    /** A group with the default retries: connection failures and empty responses, for every method. */
    public TargetGroup(String name, String routePrefix, Optional<String> routeHost, List<Target> targets, Balance balance,
            HealthCheck healthCheck) {
        this(name, routePrefix, routeHost, targets, balance, healthCheck, RetryPolicy.ALL_METHODS);
    }

    /** A group with round-robin balancing and the default health check. */
    public TargetGroup(String name, String routePrefix, List<Target> targets) {
        this(name, routePrefix, Optional.empty(), targets, Balance.ROUND_ROBIN, HealthCheck.DEFAULT);
    }

    public TargetGroup withTargets(List<Target> newTargets) {
        return new TargetGroup(name, routePrefix, routeHost, newTargets, balance, healthCheck, retry);
    }
}
