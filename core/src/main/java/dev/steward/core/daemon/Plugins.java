package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.ProxyBackend;
import java.util.List;

/**
 * The configured plugins, created and ready to start.
 *
 * @param sources the configured broadcast sources, built-in ones included, in the configured order
 */
public record Plugins(ProxyBackend backend, PortPolicy portPolicy, List<NamedSource> sources) {
    public Plugins {
        requireNonNull(backend, "backend is null");
        requireNonNull(portPolicy, "portPolicy is null");
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
    }
}
