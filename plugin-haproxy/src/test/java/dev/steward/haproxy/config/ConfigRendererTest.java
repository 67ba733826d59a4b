package dev.steward.haproxy.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Balance;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RetryPolicy;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.haproxy.TestSettings;
import dev.steward.haproxy.process.HaproxyBinary;
import dev.steward.haproxy.settings.HaproxySettings;
import dev.steward.haproxy.settings.RuntimePaths;
import dev.steward.haproxy.slots.SlotAllocator;
import dev.steward.haproxy.slots.SlotPlan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigRendererTest {
    private static final RuntimePaths PATHS = RuntimePaths.under(Path.of("/var/lib/steward/data/haproxy"));
    private static final HaproxySettings SETTINGS = TestSettings.read(Map.of("bind", "127.0.0.1:8080", "pool-min-size", 2));

    static final RoutingState TWO_ROUTES = new RoutingState(7,
            new TargetGroups(List.of(
                    new TargetGroup("app1", "/app1", Optional.empty(),
                            List.of(new Target("10.0.0.1", 20001, "app1-r1"), new Target("10.0.0.2", 20002, "app1-r2", 3)),
                            Balance.LEAST_CONN,
                            new HealthCheck(Optional.of("/healthz"), Duration.ofMillis(500), 1, 2)),
                    new TargetGroup("api", "/app1", Optional.of("api.example.com"),
                            List.of(new Target("fd00::7", 20003, "api-r1")), Balance.ROUND_ROBIN, HealthCheck.DEFAULT),
                    new TargetGroup("root", "/", List.of()))),
            new FallbackTargets(List.of(new Target("10.0.0.9", 20100, "fallback-1"))));

    private final ConfigRenderer renderer = new ConfigRenderer(SETTINGS, PATHS);
    private final SlotAllocator allocator = new SlotAllocator(SETTINGS.poolMinSize());

    @Test
    void rendersRoutesBackendsAndPools() {
        assertThat(renderer.render(TWO_ROUTES, allocator.plan(TWO_ROUTES))).isEqualTo(golden("two-routes.cfg"));
    }

    @Test
    void rendersTheEmptyState() {
        assertThat(renderer.render(RoutingState.EMPTY, allocator.plan(RoutingState.EMPTY))).isEqualTo(golden("empty.cfg"));
    }

    /** Access log to syslog, TLS with HTTP/2, gateway errors answered as 500, no close-spread-time. */
    @Test
    void rendersEveryOption(@TempDir Path home) throws IOException {
        Path certificate = Files.writeString(home.resolve("proxy.pem"), "a PEM file");
        HaproxySettings options = TestSettings.read(Map.of(
                "bind", "[::1]:8443",
                "pool-min-size", 2,
                "close-spread-time", "0s",
                "access-log.target", "syslog",
                "access-log.syslog-address", "10.0.0.5:514",
                "access-log.facility", "local3",
                "gateway-error-status", 500,
                "tls.certificate", certificate.toString()));

        String config = new ConfigRenderer(options, PATHS).render(TWO_ROUTES, allocator.plan(TWO_ROUTES));

        assertThat(config.replace(certificate.toString(), "/etc/steward/tls/proxy.pem")).isEqualTo(golden("options.cfg"));
    }

    @Test
    void withTheAccessLogOffHaproxyLogsNothing() {
        HaproxySettings quiet = TestSettings.read(Map.of("access-log.target", "off"));

        String config = new ConfigRenderer(quiet, PATHS).render(TWO_ROUTES, allocator.plan(TWO_ROUTES));

        assertThat(config.lines()).noneMatch(line -> line.strip().startsWith("log ") || line.contains("httplog"));
    }

    @Test
    void withoutSafeRetriesHaproxyNeitherRedispatchesNorRetriesOnEmptyResponses() {
        HaproxySettings baseline = TestSettings.read(Map.of("safe-retries", false));

        String config = new ConfigRenderer(baseline, PATHS).render(TWO_ROUTES, allocator.plan(TWO_ROUTES));

        assertThat(config.lines()).noneMatch(line -> line.contains("redispatch") || line.contains("retry-on"));
        assertThat(config.lines()).anyMatch(line -> line.strip().equals("retries 3"));
    }

    @Test
    void eachGroupNarrowsTheRetriesAsItChoosesAndHaproxyAcceptsIt(@TempDir Path directory) throws IOException {
        RoutingState state = new RoutingState(3, new TargetGroups(List.of(
                retrying("all", RetryPolicy.ALL_METHODS), retrying("safe", RetryPolicy.SAFE_METHODS),
                retrying("conn", RetryPolicy.CONNECTION_FAILURES))), FallbackTargets.NONE);

        String config = renderer.render(state, allocator.plan(state));

        assertThat(backend(config, "group_all")).noneMatch(line -> line.contains("retry"));
        assertThat(backend(config, "group_safe"))
                .contains("http-request disable-l7-retry unless METH_GET || METH_OPTIONS || METH_TRACE")
                .noneMatch(line -> line.startsWith("retry-on"));
        assertThat(backend(config, "group_conn")).contains("retry-on conn-failure")
                .noneMatch(line -> line.contains("disable-l7-retry"));
        assertThat(config.lines().map(String::strip)).as("the defaults every group starts from")
                .contains("option redispatch", "retry-on conn-failure empty-response");
        Path file = Files.writeString(directory.resolve("retries.cfg"), config);
        HaproxyBinary.locate("haproxy", directory, directory, Duration.ofSeconds(30)).check(file);

        String baseline = new ConfigRenderer(TestSettings.read(Map.of("safe-retries", false)), PATHS)
                .render(state, allocator.plan(state));
        assertThat(baseline.lines()).as("safe-retries = false turns every retry off, a group's choice too")
                .noneMatch(line -> line.contains("retry-on") || line.contains("disable-l7-retry"));
    }

    private static TargetGroup retrying(String name, RetryPolicy retry) {
        return new TargetGroup(name, "/" + name, Optional.empty(), List.of(new Target("10.0.0.1", 20001, name + "-r1")),
                Balance.ROUND_ROBIN, HealthCheck.DEFAULT, retry);
    }

    /** The lines of one backend section, stripped. */
    private static List<String> backend(String config, String name) {
        List<String> lines = config.lines().toList();
        int start = lines.indexOf("backend " + name);
        assertThat(start).as("backend " + name).isNotNegative();
        return lines.subList(start + 1, lines.size()).stream()
                .takeWhile(line -> line.isEmpty() || Character.isWhitespace(line.charAt(0)))
                .map(String::strip)
                .toList();
    }

    @Test
    void aGatewayErrorAnsweredWithAnotherStatusHasAnErrorFileWithThatStatusAndItsOwnReason() {
        List<ErrorPages.Answer> answers = ErrorPages.answers(OptionalInt.of(500));

        assertThat(answers).extracting(ErrorPages.Answer::error).containsExactly(400, 403, 408, 500, 502, 503, 504);
        assertThat(answers).filteredOn(answer -> !answer.keepsStatus()).extracting(ErrorPages.Answer::error)
                .containsExactly(502, 503, 504);
        assertThat(ErrorPages.errorFile(answers.get(5).page())).isEqualTo("HTTP/1.1 500 Internal Server Error\r\n"
                + "content-type: application/json\r\n"
                + "cache-control: no-cache\r\n"
                + "content-length: 71\r\n"
                + "\r\n"
                + "{\"status\":500,\"reason\":\"no server is available to handle this request\"}");
    }

    @Test
    void theOrderOfGroupsInTheStateDoesNotChangeTheConfig() {
        RoutingState reordered = new RoutingState(8, new TargetGroups(TWO_ROUTES.targetGroups().groups().reversed()),
                TWO_ROUTES.fallbackTargets());

        assertThat(renderer.render(reordered, allocator.plan(reordered)))
                .isEqualTo(renderer.render(TWO_ROUTES, allocator.plan(TWO_ROUTES)));
    }

    @Test
    void haproxyAcceptsWhatIsRendered(@TempDir Path directory) throws IOException {
        Path config = directory.resolve("two-routes.cfg");
        Files.writeString(config, renderer.render(TWO_ROUTES, allocator.plan(TWO_ROUTES)));

        HaproxyBinary.locate("haproxy", directory, directory, Duration.ofSeconds(30)).check(config);
    }

    private static String golden(String name) {
        try (InputStream in = ConfigRendererTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException problem) {
            throw new IllegalStateException(problem);
        }
    }

    @Test
    void aRenderedConfigurationWithItsSlotsVacatedIsTheRenderingOfTheVacatedPlan() {
        SlotPlan plan = allocator.plan(TWO_ROUTES);

        assertThat(ConfigRenderer.vacated(renderer.render(TWO_ROUTES, plan))).isEqualTo(renderer.render(TWO_ROUTES, plan.vacated()));
    }
}
