package dev.steward.etcd;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigFactory;
import dev.steward.api.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of {@code steward publish}.
 *
 * @param stateFile the routing state file, as given (relative to the working directory)
 */
record PublishArguments(Connection connection, KeyLayout layout, Path stateFile) {
    static final String SYNOPSIS = "--etcd URLS --state FILE [--prefix PREFIX] [--cacert FILE] [--cert FILE --key FILE]"
            + " [--user NAME --password-file FILE] [--timeout DURATION]";
    /** Read when {@code --user} is given without {@code --password-file}. */
    static final String PASSWORD_VARIABLE = "STEWARD_ETCD_PASSWORD";

    private static final Set<String> OPTIONS = Set.of("--etcd", "--state", "--prefix", "--cacert", "--cert", "--key",
            "--user", "--password-file", "--timeout");
    private static final String DEFAULT_PREFIX = "/steward";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    PublishArguments {
        requireNonNull(connection, "connection is null");
        requireNonNull(layout, "layout is null");
        requireNonNull(stateFile, "stateFile is null");
    }

    /**
     * @param environment where {@value #PASSWORD_VARIABLE} is looked up
     * @throws BadArgumentException naming the first option that cannot be used
     */
    static PublishArguments parse(List<String> words, Map<String, String> environment) {
        Map<String, String> options = options(words);
        List<URI> endpoints = endpoints(required(options, "--etcd"));
        Path stateFile = Path.of(required(options, "--state"));
        String prefix = options.getOrDefault("--prefix", DEFAULT_PREFIX);
        if (!KeyLayout.isPrefix(prefix)) {
            throw new BadArgumentException("--prefix", "expected " + KeyLayout.EXPECTED_PREFIX + ", found \"" + prefix + "\"");
        }
        Duration timeout = Optional.ofNullable(options.get("--timeout")).map(PublishArguments::duration).orElse(DEFAULT_TIMEOUT);
        Connection connection = new Connection(endpoints, tls(options, endpoints), credentials(options, environment), timeout,
                timeout);
        return new PublishArguments(connection, new KeyLayout(prefix), stateFile);
    }

    private static Map<String, String> options(List<String> words) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String option = words.get(i);
            if (!OPTIONS.contains(option)) {
                throw new BadArgumentException(option, option.startsWith("--") ? "unknown option" : "unexpected argument");
            }
            if (i + 1 >= words.size() || words.get(i + 1).startsWith("--")) {
                throw new BadArgumentException(option, "needs a value");
            }
            if (options.put(option, words.get(++i)) != null) {
                throw new BadArgumentException(option, "is given twice");
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String option) {
        String value = options.get(option);
        if (value == null) {
            throw new BadArgumentException(option, "is required");
        }
        return value;
    }

    private static List<URI> endpoints(String value) {
        List<URI> endpoints = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            endpoints.add(Endpoints.parse(item.strip()).orElseThrow(() -> new BadArgumentException("--etcd",
                    "expected comma-separated URLs, each " + Endpoints.EXPECTED + ", found \"" + item.strip() + "\"")));
        }
        if (Endpoints.mixed(endpoints)) {
            throw new BadArgumentException("--etcd", "mixes http and https URLs; use one scheme for all");
        }
        return endpoints;
    }

    private static Optional<Connection.Tls> tls(Map<String, String> options, List<URI> endpoints) {
        Optional<Path> ca = readable(options, "--cacert");
        Optional<Path> cert = readable(options, "--cert");
        Optional<Path> key = readable(options, "--key");
        if (cert.isPresent() != key.isPresent()) {
            throw new BadArgumentException(cert.isPresent() ? "--key" : "--cert", "is required with "
                    + (cert.isPresent() ? "--cert" : "--key") + ": a client certificate needs both");
        }
        if (!Endpoints.secure(endpoints)) {
            if (ca.isPresent() || cert.isPresent()) {
                throw new BadArgumentException(ca.isPresent() ? "--cacert" : "--cert", "needs https endpoints in --etcd");
            }
            return Optional.empty();
        }
        return Optional.of(new Connection.Tls(ca, cert.map(file -> new Connection.ClientCertificate(file, key.orElseThrow()))));
    }

    private static Optional<Connection.Credentials> credentials(Map<String, String> options, Map<String, String> environment) {
        Optional<String> user = Optional.ofNullable(options.get("--user"));
        Optional<Path> passwordFile = readable(options, "--password-file");
        if (user.isEmpty()) {
            if (passwordFile.isPresent()) {
                throw new BadArgumentException("--password-file", "needs --user");
            }
            return Optional.empty();
        }
        String password = passwordFile.map(PublishArguments::firstLine)
                .or(() -> Optional.ofNullable(environment.get(PASSWORD_VARIABLE)))
                .orElseThrow(() -> new BadArgumentException("--user", "needs --password-file or " + PASSWORD_VARIABLE));
        return Optional.of(new Connection.Credentials(user.get(), password));
    }

    private static Optional<Path> readable(Map<String, String> options, String option) {
        return Optional.ofNullable(options.get(option)).map(value -> {
            Path file = Path.of(value);
            if (!Files.isReadable(file)) {
                throw new BadArgumentException(option, "cannot read " + value);
            }
            return file;
        });
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        } catch (IOException unreadable) {
            throw new BadArgumentException("--password-file", "cannot read " + file + ": " + unreadable.getMessage());
        }
    }

    private static Duration duration(String value) {
        // The same reading as a duration in a config file: a bare number is refused, not taken as milliseconds.
        Settings read = Settings.of(ConfigFactory.parseMap(Map.of("value", value)), "");
        Duration duration = read.duration("value", Duration.ofMillis(100), Duration.ofMinutes(5));
        if (read.problems().isEmpty()) {
            return duration;
        }
        String reason = read.problems().getFirst().reason();
        throw new BadArgumentException("--timeout", reason.startsWith("expected a duration from")
                ? "expected a duration from 100ms to 5m, found " + value
                : reason);
    }
}
