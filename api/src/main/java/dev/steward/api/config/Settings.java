package dev.steward.api.config;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads one settings subtree into typed values and collects every problem instead of stopping at
 * the first, so a user fixes a config file in one round. Read everything, then call
 * {@link #validate()}: values read from a bad setting are placeholders until then.
 */
public final class Settings {
    private static final Pattern LINE_SUFFIX = Pattern.compile(": \\d+(-\\d+)?$");
    private static final Pattern BARE_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final Config config;
    private final String path;
    private final List<ConfigProblem> problems;

    private Settings(Config config, String path, List<ConfigProblem> problems) {
        this.config = config;
        this.path = path;
        this.problems = problems;
    }

    /**
     * @param config the subtree
     * @param path its full path, used in messages, such as {@code steward.haproxy}
     */
    public static Settings of(Config config, String path) {
        return new Settings(requireNonNull(config, "config is null"), requireNonNull(path, "path is null"), new ArrayList<>());
    }

    /** A nested subtree whose problems are reported with this reader's. */
    public Settings section(String key) {
        Config nested = config;
        try {
            nested = config.getConfig(key);
        } catch (ConfigException.Missing missing) {
            problem(key, "is required");
        } catch (ConfigException.WrongType wrongType) {
            problem(key, "expected an object, found " + typeOf(key));
        }
        return new Settings(nested, fullPath(key), problems);
    }

    public String fullPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return config.hasPath(key);
    }

    public String string(String key) {
        if (!require(key, ConfigValueType.STRING, "a string")) {
            return "";
        }
        return config.getString(key);
    }

    /** A string that may be absent or {@code null}. */
    public Optional<String> optionalString(String key) {
        if (!config.hasPath(key)) {
            return Optional.empty();
        }
        return Optional.of(string(key)).filter(value -> !value.isEmpty());
    }

    /** A string that must satisfy {@code rule}; {@code expected} says what a good value looks like. */
    public String string(String key, Predicate<String> rule, String expected) {
        String value = string(key);
        if (config.hasPath(key) && !rule.test(value)) {
            problem(key, "expected " + expected + ", found \"" + value + "\"");
        }
        return value;
    }

    public boolean bool(String key) {
        if (!require(key, ConfigValueType.BOOLEAN, "true or false")) {
            return false;
        }
        try {
            return config.getBoolean(key);
        } catch (ConfigException problem) {
            problem(key, "expected true or false, found " + config.getValue(key).render());
            return false;
        }
    }

    public int integer(String key, int min, int max) {
        if (!require(key, ConfigValueType.NUMBER, "an integer")) {
            return min;
        }
        String range = "an integer from " + min + " to " + max;
        return inRange(key, min, max, config::getInt, range, range);
    }

    /**
     * A duration with its unit, such as {@code 100ms} or {@code 10s}. A bare number other than zero is
     * refused: typesafe-config reads it as milliseconds, while a user who writes {@code 10} (from an
     * environment variable that counted seconds elsewhere) rarely means that.
     */
    public Duration duration(String key, Duration min, Duration max) {
        if (!present(key)) {
            return min;
        }
        Optional<BigDecimal> bare = bareNumber(config.getValue(key));
        if (bare.isPresent() && bare.get().signum() != 0) {
            String number = bare.get().stripTrailingZeros().toPlainString();
            problem(key, "a duration needs a unit, found " + config.getValue(key).render() + ": write \"" + number
                    + "s\" for " + number + " seconds or \"" + number + "ms\" for " + number + " milliseconds");
            return min;
        }
        return inRange(key, min, max, config::getDuration, "a duration from " + min + " to " + max,
                "a duration such as 100ms, 10s or 5m");
    }

    /** The number a value is when it holds nothing else, as a HOCON number or as the text of one. */
    private static Optional<BigDecimal> bareNumber(ConfigValue value) {
        String text = switch (value.valueType()) {
            case NUMBER -> value.unwrapped().toString();
            case STRING -> ((String) value.unwrapped()).strip();
            default -> "";
        };
        if (!BARE_NUMBER.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(text));
    }

    /** A size such as {@code 10MiB}; a bare number is bytes. */
    public long bytes(String key, long min, long max) {
        if (!present(key)) {
            return min;
        }
        return inRange(key, min, max, config::getBytes, "a size from " + min + " to " + max + " bytes",
                "a size such as 512KiB or 10MiB");
    }

    /**
     * @param range what a good value is, for a value of the right kind out of bounds
     * @param shape what a good value looks like, for a value that is not of the right kind
     */
    private <T extends Comparable<T>> T inRange(String key, T min, T max, Function<String, T> read, String range,
            String shape) {
        try {
            T value = read.apply(key);
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                problem(key, "expected " + range + ", found " + value);
                return min;
            }
            return value;
        } catch (ConfigException problem) {
            problem(key, "expected " + shape + ", found " + config.getValue(key).render());
            return min;
        }
    }

    public List<String> strings(String key) {
        if (!require(key, ConfigValueType.LIST, "a list of strings")) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        List<? extends ConfigValue> items = config.getList(key);
        for (int i = 0; i < items.size(); i++) {
            ConfigValue item = items.get(i);
            if (item.valueType() == ConfigValueType.STRING) {
                values.add((String) item.unwrapped());
            } else {
                problems.add(new ConfigProblem(fullPath(key) + "[" + i + "]",
                        "expected a string, found " + item.render(), origin(item.origin())));
            }
        }
        return List.copyOf(values);
    }

    /** Records a problem found by the caller's own check of a value read here. */
    public void problem(String key, String reason) {
        // A key set to null has no value to point at: it is reported like a missing one.
        ConfigOrigin origin = config.hasPath(key) ? config.getValue(key).origin() : null;
        problems.add(new ConfigProblem(fullPath(key), reason, origin(origin)));
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    /** Throws {@link InvalidConfigException} listing every problem met so far, if any. */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
    }

    /** {@code file:line} of a value, or the best description typesafe-config has. */
    public static String origin(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        String where;
        if (origin.filename() != null) {
            where = origin.filename();
        } else if (origin.resource() != null) {
            where = origin.resource();
        } else {
            where = LINE_SUFFIX.matcher(origin.description()).replaceFirst("");
        }
        return origin.lineNumber() >= 0 ? where + ":" + origin.lineNumber() : where;
    }

    private boolean present(String key) {
        if (!config.hasPathOrNull(key) || config.getIsNull(key)) {
            problem(key, "is required");
            return false;
        }
        return true;
    }

    private boolean require(String key, ConfigValueType type, String expected) {
        if (!present(key)) {
            return false;
        }
        ConfigValue value = config.getValue(key);
        boolean wantsScalar = type != ConfigValueType.LIST && type != ConfigValueType.OBJECT;
        boolean fits = wantsScalar ? isScalar(value) : value.valueType() == type;
        if (!fits) {
            problem(key, "expected " + expected + ", found " + value.render());
        }
        return fits;
    }

    /** Scalars convert into one another as typesafe-config allows: an environment variable is a string. */
    private static boolean isScalar(ConfigValue value) {
        return switch (value.valueType()) {
            case STRING, NUMBER, BOOLEAN -> true;
            case LIST, OBJECT, NULL -> false;
        };
    }

    private String typeOf(String key) {
        return config.getValue(key).valueType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
