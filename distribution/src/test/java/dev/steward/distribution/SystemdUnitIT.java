package dev.steward.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit the distribution ships: Steward as its own user, restarted on failure, signalled alone
 * so that HAProxy outlives a restart, with the capability to bind low ports and hardening that leaves the
 * JVM and HAProxy working. {@code systemd-analyze verify} checks it where systemd's tools are installed.
 */
class SystemdUnitIT {
    private static final Path UNIT = Distribution.BUILT.resolve("systemd/steward.service");
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @TempDir
    Path temp;

    @Test
    void stewardRunsAsItsOwnUserInItsOwnDirectoriesFromTheInstalledLauncher() {
        Map<String, List<String>> service = section("Service");

        assertThat(service.get("User")).containsExactly("steward");
        assertThat(service.get("Group")).containsExactly("steward");
        assertThat(service.get("ExecStart")).containsExactly("/opt/steward/bin/steward run --config /etc/steward/steward.conf");
        assertThat(service.get("WorkingDirectory")).containsExactly("/var/lib/steward");
        assertThat(service.get("StateDirectory")).containsExactly("steward");
        assertThat(service.get("LogsDirectory")).containsExactly("steward");
        assertThat(service.get("Environment")).contains("STEWARD_DATA_DIR=/var/lib/steward", "STEWARD_LOG_DIR=/var/log/steward");
        assertThat(service.get("EnvironmentFile")).containsExactly("-/etc/steward/steward.env");
        assertThat(section("Install").get("WantedBy")).containsExactly("multi-user.target");
    }

    @Test
    void aRestartLeavesHaproxyServingAndAFailureIsRestartedAfterAPause() {
        Map<String, List<String>> service = section("Service");

        assertThat(service.get("KillMode")).as("systemd must not signal HAProxy").containsExactly("process");
        assertThat(service.get("Environment")).contains("STEWARD_HAPROXY_ON_STOP=keep");
        assertThat(service.get("Restart")).containsExactly("on-failure");
        assertThat(seconds(service.get("RestartSec").getFirst())).isBetween(1L, 30L);
        assertThat(service.get("SuccessExitStatus")).as("the JVM's exit status after SIGTERM").containsExactly("143");
        assertThat(seconds(service.get("TimeoutStopSec").getFirst())).as("longer than HAProxy's default stop-timeout of 30 s")
                .isGreaterThan(30);
        assertThat(Long.parseLong(service.get("LimitNOFILE").getFirst())).isGreaterThanOrEqualTo(65536);
    }

    @Test
    void hardeningGrantsOnlyTheLowPortCapabilityAndKeepsWhatTheJvmAndTheTakeOverNeed() {
        Map<String, List<String>> service = section("Service");

        assertThat(service.get("AmbientCapabilities")).containsExactly("CAP_NET_BIND_SERVICE");
        assertThat(service.get("CapabilityBoundingSet")).containsExactly("CAP_NET_BIND_SERVICE");
        assertThat(service.get("NoNewPrivileges")).containsExactly("yes");
        assertThat(service.get("ProtectSystem")).containsExactly("strict");
        assertThat(service.get("ProtectHome")).containsExactly("yes");
        assertThat(service.get("PrivateTmp")).containsExactly("yes");
        assertThat(service.get("RestrictAddressFamilies").getFirst()).contains("AF_UNIX", "AF_INET", "AF_INET6");
        assertThat(service).as("the JVM compiles code at run time; the take-over reads other processes in /proc")
                .doesNotContainKeys("MemoryDenyWriteExecute", "PrivatePIDs", "ProcSubset");
    }

    @Test
    void systemdAnalyzeVerifiesTheUnitWithoutAWarning() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(SYSTEMD_ANALYZE), SYSTEMD_ANALYZE + " is not installed here");
        Path unit = Files.writeString(temp.resolve("steward.service"),
                Files.readString(UNIT).replace("/opt/steward/", Distribution.BUILT + "/"));
        Path output = temp.resolve("verify.txt");

        Process verify = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", unit.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();

        assertThat(verify.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)).as("systemd-analyze ended").isTrue();
        assertThat(verify.exitValue()).as(Files.readString(output)).isZero();
        assertThat(Files.readString(output).lines().filter(line -> line.contains(unit.getFileName().toString())))
                .as("what systemd-analyze says about the unit").isEmpty();
    }

    /** The section's keys, each with its values in file order; comments and blank lines skipped. */
    private static Map<String, List<String>> section(String name) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        String current = "";
        try {
            for (String line : Files.readAllLines(UNIT)) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                if (text.startsWith("[")) {
                    current = text.substring(1, text.length() - 1);
                } else if (current.equals(name)) {
                    int equals = text.indexOf('=');
                    keys.computeIfAbsent(text.substring(0, equals), key -> new ArrayList<>()).add(text.substring(equals + 1));
                }
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        return keys;
    }

    /** A systemd time span in whole seconds: {@code 2s}, {@code 90s}, {@code 5min}. */
    private static long seconds(String span) {
        if (span.endsWith("min")) {
            return Long.parseLong(span.substring(0, span.length() - 3)) * 60;
        }
        return Long.parseLong(span.endsWith("s") ? span.substring(0, span.length() - 1) : span);
    }
}
