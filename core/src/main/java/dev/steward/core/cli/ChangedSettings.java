package dev.steward.core.cli;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import dev.steward.api.config.Settings;
import dev.steward.core.config.LoadedConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The settings under {@code steward} whose value is not their default, with where each came from. */
final class ChangedSettings {
    /** Key names whose values are secrets: shown as set, never printed. */
    private static final Set<String> SECRETS = Set.of("token", "password", "secret");

    private ChangedSettings() {}

    static List<String> describe(LoadedConfig loaded) {
        Map<String, ConfigValue> sorted = new TreeMap<>();
        loaded.config().withOnlyPath("steward").entrySet().forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : sorted.entrySet()) {
            String key = entry.getKey();
            ConfigValue value = entry.getValue();
            boolean isDefault = loaded.defaults().hasPath(key)
                    && loaded.defaults().getValue(key).unwrapped().equals(value.unwrapped());
            if (!isDefault) {
                lines.add(key + " = " + shown(key, value) + "  (" + Settings.origin(value.origin()) + ")");
            }
        }
        return lines;
    }

    private static String shown(String key, ConfigValue value) {
        String leaf = key.substring(key.lastIndexOf('.') + 1);
        return SECRETS.contains(leaf) ? "(set, not shown)" : value.render(ConfigRenderOptions.concise());
    }
}
