package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * Core's own settings, read from {@code steward.*} once at start.
 *
 * @param nodeId this proxy node's id
 * @param dataDirectory absolute
 * @param pluginsDirectory absolute
 * @param broadcastSources names, in the order they start
 * @param portGate whose proxies must have settled at a revision before the port policy hears of it
 */
public record StewardSettings(
        String nodeId,
        Path dataDirectory,
        Path pluginsDirectory,
        CoalesceSettings coalesce,
        String proxyBackend,
        List<String> broadcastSources,
        String portPolicy,
        PortGateScope portGate,
        ApiSettings api) {
    public StewardSettings {
        requireNonNull(nodeId, "nodeId is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(pluginsDirectory, "pluginsDirectory is null");
        requireNonNull(coalesce, "coalesce is null");
        requireNonNull(proxyBackend, "proxyBackend is null");
        broadcastSources = List.copyOf(requireNonNull(broadcastSources, "broadcastSources is null"));
        requireNonNull(portPolicy, "portPolicy is null");
        requireNonNull(portGate, "portGate is null");
        requireNonNull(api, "api is null");
    }
}
