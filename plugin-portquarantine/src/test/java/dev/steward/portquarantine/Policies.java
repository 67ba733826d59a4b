package dev.steward.portquarantine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import dev.steward.api.PluginContext;
import dev.steward.api.PortPolicy;
import dev.steward.testkit.ManualTime;
import java.nio.file.Path;

/** Builds the policy as Steward does: through the provider, with the plugin's reference.conf under the overrides. */
final class Policies {
    static final String SETTINGS_PATH = "steward.port-quarantine";

    private Policies() {}

    static Config reference() {
        return ConfigFactory.parseURL(QuarantinePortPolicyProvider.class.getResource("/reference.conf"));
    }

    /**
     * {@code overrides} are keys under {@code steward.port-quarantine}, as in steward.conf. Resolved
     * without the environment, so that a STEWARD_PORT_QUARANTINE set where tests run changes nothing.
     */
    static Config settings(String overrides) {
        Config user = ConfigFactory.parseString(overrides, ConfigParseOptions.defaults().setOriginDescription("steward.conf"))
                .atPath(SETTINGS_PATH);
        return user.withFallback(reference()).resolve(ConfigResolveOptions.noSystem()).getConfig(SETTINGS_PATH);
    }

    static PluginContext context(String overrides, Path dataDirectory, ManualTime time, RecordingMetrics metrics) {
        return new PluginContext("quarantine", settings(overrides), SETTINGS_PATH, "proxy-1", dataDirectory.getParent(),
                dataDirectory, time, metrics);
    }

    static PortPolicy create(String overrides, Path dataDirectory, ManualTime time, RecordingMetrics metrics) {
        return new QuarantinePortPolicyProvider().create(context(overrides, dataDirectory, time, metrics));
    }
}
