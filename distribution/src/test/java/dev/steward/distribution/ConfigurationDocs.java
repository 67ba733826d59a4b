package dev.steward.distribution;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes {@code docs/configuration.md} from the {@code reference.conf} of every module, so the
 * documented keys, defaults and environment overrides are the ones the code reads.
 */
final class ConfigurationDocs {
    private static final Pattern ENVIRONMENT = Pattern.compile("^\\s*([A-Za-z0-9_-]+)\\s*=\\s*\\$\\{\\?([A-Z0-9_]+)}\\s*$");
    private static final String REFERENCE = "src/main/resources/reference.conf";

    private ConfigurationDocs() {}

    static String render(Path root) throws IOException {
        StringBuilder page = new StringBuilder("""
                # Configuration

                Every key Steward reads, with its default and meaning. This page is generated from the
                `reference.conf` of each module (`ConfigurationDocsTest` in `distribution` fails when the
                two differ; regenerate with `scripts/config-docs`). Override keys in `conf/steward.conf`
                (HOCON); a key that no module defines stops start-up with its `file:line`. Durations take
                units (`100ms`, `10s`, `5m`): a bare number other than `0`, in the file or in an environment
                variable, stops start-up with the fix. Sizes take units too (`512KiB`, `10MiB`).
                """);
        for (Path reference : references(root)) {
            String module = root.relativize(reference).getName(0).toString();
            page.append("\n## `").append(module).append("`\n\n")
                    .append("From [`").append(root.relativize(reference)).append("`](../")
                    .append(root.relativize(reference)).append(").\n\n")
                    .append("| key | default | environment | meaning |\n| --- | --- | --- | --- |\n");
            for (Row row : rows(reference)) {
                page.append("| `").append(row.key()).append("` | ").append(row.defaultValue()).append(" | ")
                        .append(row.environment().isEmpty() ? "" : "`" + row.environment() + "`").append(" | ")
                        .append(row.meaning()).append(" |\n");
            }
        }
        return page.toString();
    }

    private static List<Path> references(Path root) throws IOException {
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(module -> module.resolve(REFERENCE)).filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<Row> rows(Path reference) throws IOException {
        String text = Files.readString(reference, StandardCharsets.UTF_8);
        Config config = ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription(reference.toString()))
                .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false).setAllowUnresolved(true));
        Map<String, ConfigValue> leaves = new TreeMap<>();
        collect("", config.root(), leaves);
        Map<Integer, String> environmentByLine = environment(text);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, ConfigValue> leaf : leaves.entrySet()) {
            ConfigValue value = leaf.getValue();
            String environment = environmentByLine.getOrDefault(value.origin().lineNumber() + 1, "");
            String shown = value.valueType() == ConfigValueType.NULL ? "unset" : "`" + value.render(ConfigRenderOptions.concise()) + "`";
            String meaning = value.origin().comments().stream().map(String::strip).collect(Collectors.joining(" "))
                    .replace("|", "\\|");
            rows.add(new Row(leaf.getKey(), shown, environment, meaning));
        }
        return rows;
    }

    /** Leaves, null ones included: an optional key is documented as unset. */
    private static void collect(String prefix, ConfigObject object, Map<String, ConfigValue> leaves) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String key = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
            if (entry.getValue() instanceof ConfigObject nested) {
                collect(key, nested, leaves);
            } else {
                leaves.put(key, entry.getValue());
            }
        }
    }

    /** The environment variable named on a line ({@code key = ${?STEWARD_X}}), by line number. */
    private static Map<Integer, String> environment(String text) {
        Map<Integer, String> byLine = new TreeMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = ENVIRONMENT.matcher(lines[i]);
            if (matcher.matches()) {
                byLine.put(i + 1, matcher.group(2));
            }
        }
        return byLine;
    }

    private record Row(String key, String defaultValue, String environment, String meaning) {}
}
