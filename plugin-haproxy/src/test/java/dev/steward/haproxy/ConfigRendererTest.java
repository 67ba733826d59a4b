package dev.steward.haproxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.api.model.Balance;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.HealthCheck;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
}
