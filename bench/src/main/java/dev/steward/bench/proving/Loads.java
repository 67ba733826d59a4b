package dev.steward.bench.proving;

import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the load generator: wrk when it is installed (it leaves the CPUs to what is measured), else
 * the JDK's client. {@code -Dsteward.bench.load=jdk} or {@code =wrk} chooses.
 */
final class Loads {
    static final String PROPERTY = "steward.bench.load";

    private Loads() {}

    static CheckedLoad start(URI proxy, Map<String, String> deploymentByRoute, int connections, Duration duration) {
        String choice = System.getProperty(PROPERTY, "");
        Optional<Path> wrk = choice.equals("jdk") ? Optional.empty() : wrk();
        if (wrk.isEmpty() && choice.equals("wrk")) {
            throw new IllegalStateException(PROPERTY + "=wrk, but no wrk on PATH");
        }
        return wrk.<CheckedLoad>map(binary -> new WrkLoad(binary, proxy, deploymentByRoute, connections, duration))
                .orElseGet(() -> new JdkLoad(proxy, deploymentByRoute, connections, duration));
    }

    /** Which generator {@link #start} would use, for the results. */
    static String describe() {
        return !System.getProperty(PROPERTY, "").equals("jdk") && wrk().isPresent() ? "wrk" : "JDK HTTP client";
    }

    /** wrk on PATH, if installed. */
    static Optional<Path> wrk() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                .map(directory -> Path.of(directory, "wrk"))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
