package dev.steward.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes into each test class's report which HAProxy its tests found on PATH (the one every test that
 * starts HAProxy runs), so that a report of the run on a second HAProxy version says so. Registered
 * for every test class of the modules that use testkit, through JUnit's extension auto-detection.
 */
public final class HaproxyVersionReport implements BeforeAllCallback {
    private static final String KEY = "haproxy";
    private static volatile Optional<String> found;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.publishReportEntry(KEY, version());
        // Surefire keeps a class's standard output in its XML report, not its report entries.
        System.out.println("HAProxy under test: " + version());
    }

    /** {@code HAProxy version 3.0.11-9e587df 2025/06/02 - https://haproxy.org/ (/path/haproxy)}, once per JVM. */
    static String version() {
        Optional<String> known = found;
        if (known == null) {
            known = Optional.of(probe());
            found = known;
        }
        return known.get();
    }

    private static String probe() {
        String searchPath = Optional.ofNullable(System.getenv("PATH")).orElse("") + File.pathSeparator + "/usr/sbin";
        for (String directory : searchPath.split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "haproxy");
            if (Files.isExecutable(candidate)) {
                return firstLine(candidate) + " (" + candidate + ")";
            }
        }
        return "no haproxy on PATH";
    }

    private static String firstLine(Path haproxy) {
        try {
            Process process = new ProcessBuilder(haproxy.toString(), "-v").redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output.lines().findFirst().orElse("haproxy -v printed nothing");
        } catch (IOException problem) {
            return "haproxy -v failed: " + problem.getMessage();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
