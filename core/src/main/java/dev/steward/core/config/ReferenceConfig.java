package dev.steward.core.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;

/**
 * The defaults one module ships in its {@code reference.conf}.
 *
 * @param owner the module that ships them, for messages
 */
public record ReferenceConfig(String owner, Config config) {
    public ReferenceConfig {
        requireNonNull(owner, "owner is null");
        requireNonNull(config, "config is null");
    }
}
