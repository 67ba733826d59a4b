package dev.steward.haproxy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.steward.api.config.Settings;
import dev.steward.haproxy.settings.HaproxySettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The plugin's reference.conf, with overrides, as core would hand it over (resolved). */
public final class TestSettings {
    public static final String PATH = "steward.haproxy";

    private TestSettings() {}

    public static Config reference() {
        return ConfigFactory.parseResources(TestSettings.class.getClassLoader(), "reference.conf");
    }

    /** The subtree with {@code overrides} (keys relative to {@code steward.haproxy}) over the defaults. */
    public static Config subtree(Map<String, ?> overrides) {
        Map<String, Object> paths = new HashMap<>();
        overrides.forEach((key, value) -> paths.put(PATH + "." + key, value));
        return ConfigFactory.parseMap(paths).withFallback(reference()).resolve().getConfig(PATH);
    }

    /** Relative paths in {@code overrides} resolve against the working directory. */
    public static HaproxySettings read(Map<String, ?> overrides) {
        return HaproxySettings.read(Settings.of(subtree(overrides), PATH), Path.of("").toAbsolutePath());
    }

    /** Settings for a test HAProxy on {@code port}: short bounds, so that nothing outlives a test for long. */
    public static HaproxySettings forTest(int port, Map<String, ?> overrides) {
        Map<String, Object> all = new HashMap<>(Map.of(
                "bind", "127.0.0.1:" + port,
                "hard-stop-after", "10s",
                "close-spread-time", "1s",
                "stop-timeout", "5s"));
        all.putAll(overrides);
        return read(all);
    }
}
