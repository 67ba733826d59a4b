package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import dev.steward.api.PortPolicy;
import dev.steward.api.ProxyBackend;
import java.util.List;

/**
 * The configured plugins, created and ready to start.
 *
 * @param sources the configured plugin sources; the built-in {@code http} source is not among them
 * @param httpSource whether the HTTP API accepts routing state
 */
public record Plugins(ProxyBackend backend, PortPolicy portPolicy, List<NamedSource> sources, boolean httpSource) {
    public Plugins {
        requireNonNull(backend, "backend is null");
        requireNonNull(portPolicy, "portPolicy is null");
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
    }
}
