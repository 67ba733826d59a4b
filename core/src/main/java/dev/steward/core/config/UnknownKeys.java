package dev.steward.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds keys under {@code steward} that no reference defines: a typo must stop start-up, not pass
 * silently for a default.
 */
final class UnknownKeys {
    private static final String ROOT = "steward";

    private UnknownKeys() {}

    /**
     * @param merged the resolved configuration, user values over references
     * @param reference the resolved references alone
     */
    static List<ConfigProblem> find(Config merged, Config reference) {
        if (!merged.hasPathOrNull(ROOT)) {
            return List.of();
        }
        Map<String, ConfigValue> sorted = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> entry : merged.withOnlyPath(ROOT).entrySet()) {
            sorted.put(entry.getKey(), entry.getValue());
        }
        List<ConfigProblem> problems = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> entry : sorted.entrySet()) {
            String path = entry.getKey();
            if (!isKnown(reference, path)) {
                problems.add(new ConfigProblem(path, "unknown key" + hint(reference, path),
                        Settings.origin(entry.getValue().origin())));
            }
        }
        return problems;
    }

    private static boolean isKnown(Config reference, String path) {
        try {
            return reference.hasPathOrNull(path);
        } catch (ConfigException.BadPath notAPath) {
            return false;
        }
    }

    /** Names the keys the nearest known parent does define, so the typo is easy to see. */
    private static String hint(Config reference, String path) {
        int dot = path.lastIndexOf('.');
        while (dot > 0) {
            String parent = path.substring(0, dot);
            if (reference.hasPathOrNull(parent) && reference.getValue(parent) instanceof ConfigObject object) {
                return "; " + parent + " knows " + new TreeSet<>(object.keySet());
            }
            dot = parent.lastIndexOf('.');
        }
        return "";
    }
}
