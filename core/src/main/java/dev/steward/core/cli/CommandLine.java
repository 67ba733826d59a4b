package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigFactory;
import dev.steward.api.config.Settings;
import dev.steward.api.proxy.ProxyStop;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed command line.
 *
 * @param command the command word
 * @param home the distribution's home
 * @param config the file named with {@code --config}
 * @param state the file named with {@code --state}
 * @param duration how long to run, named with {@code --duration} (the demo)
 * @param proxyStop what {@code stop} does with the proxy, named with {@code --keep-haproxy} or {@code --stop-haproxy}
 * @param arguments what follows the options, for commands that take operands
 */
public record CommandLine(
        String command, Path home, Optional<Path> config, Optional<Path> state, Optional<Duration> duration,
        Optional<ProxyStop> proxyStop, List<String> arguments) {
    public static final String DEFAULT_CONFIG = "conf/steward.conf";
    static final String STOP = "stop";
    static final String KEEP_HAPROXY = "--keep-haproxy";
    static final String STOP_HAPROXY = "--stop-haproxy";
    private static final Duration LONGEST_RUN = Duration.ofDays(3650);

    public CommandLine {
        requireNonNull(command, "command is null");
        requireNonNull(home, "home is null");
        requireNonNull(config, "config is null");
        requireNonNull(state, "state is null");
        requireNonNull(duration, "duration is null");
        requireNonNull(proxyStop, "proxyStop is null");
        arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    }

    /** The configuration file: the one named, or {@code conf/steward.conf} under the home. */
    public Path configFile() {
        return config.orElse(home.resolve(DEFAULT_CONFIG));
    }

    /** Whether the configuration file must exist: a file named on the command line must. */
    public boolean configRequired() {
        return config.isPresent();
    }

    /**
     * @throws UsageException when the words do not form a command
     */
    public static CommandLine parse(List<String> words, Path home) {
        if (words.isEmpty()) {
            throw new UsageException("no command given");
        }
        String command = words.getFirst();
        Optional<Path> config = Optional.empty();
        Optional<Path> state = Optional.empty();
        Optional<Duration> duration = Optional.empty();
        Optional<ProxyStop> proxyStop = Optional.empty();
        List<String> rest = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--config" -> config = Optional.of(path(words, ++i, word));
                case "--state" -> state = Optional.of(path(words, ++i, word));
                case "--duration" -> duration = Optional.of(duration(words, ++i, word));
                case KEEP_HAPROXY, STOP_HAPROXY -> proxyStop = Optional.of(proxyStop(command, word, proxyStop));
                default -> {
                    if (word.startsWith("--")) {
                        throw new UsageException("unknown option " + word + " for " + command);
                    }
                    rest.add(word);
                }
            }
        }
        return new CommandLine(command, home, config, state, duration, proxyStop, rest);
    }

    private static ProxyStop proxyStop(String command, String option, Optional<ProxyStop> earlier) {
        if (!command.equals(STOP)) {
            throw new UsageException("unknown option " + option + " for " + command + "; it belongs to " + STOP);
        }
        if (earlier.isPresent()) {
            throw new UsageException("expected one of " + KEEP_HAPROXY + " and " + STOP_HAPROXY + ", found both");
        }
        return option.equals(KEEP_HAPROXY) ? ProxyStop.KEEP : ProxyStop.STOP;
    }

    private static Duration duration(List<String> words, int index, String option) {
        if (index >= words.size()) {
            throw new UsageException(option + " needs a duration such as 30s or 5m");
        }
        String text = words.get(index);
        if (text.strip().startsWith("-")) {
            throw new UsageException(option + " must be positive, found " + text);
        }
        // The same reading as a duration in a config file: a bare number is refused, not taken as milliseconds.
        Settings read = Settings.of(ConfigFactory.parseMap(Map.of("value", text)), "");
        Duration value = read.duration("value", Duration.ZERO, LONGEST_RUN);
        if (!read.problems().isEmpty()) {
            throw new UsageException(option + ": " + read.problems().getFirst().reason());
        }
        if (value.isZero()) {
            throw new UsageException(option + " must be positive, found " + text);
        }
        return value;
    }

    private static Path path(List<String> words, int index, String option) {
        if (index >= words.size()) {
            throw new UsageException(option + " needs a file");
        }
        return Path.of(words.get(index)).toAbsolutePath().normalize();
    }
}
