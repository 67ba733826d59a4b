package dev.steward.core.daemon;

import static java.util.Objects.requireNonNull;

import dev.steward.api.BroadcastSource;

/** A configured broadcast source and the name its broadcasts are counted under. */
public record NamedSource(String name, BroadcastSource source) {
    public NamedSource {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
    }
}
