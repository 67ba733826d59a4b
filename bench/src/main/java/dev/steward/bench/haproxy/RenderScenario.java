package dev.steward.bench.haproxy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.steward.api.PluginContext;
import dev.steward.api.ProxyBackend;
import dev.steward.api.ProxyBackendProvider;
import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingState;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import dev.steward.api.time.TimeSource;
import dev.steward.core.metrics.PrometheusMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The cost of rendering HAProxy's configuration for a large routing state (1,000 groups of 10 targets
 * by default) through the backend's own {@code render} (slot plan and text), and of checking it with
 * {@code haproxy -c} as every reload does. Prints a markdown table.
 *
 * <p>{@code scripts/scenario RenderScenario [--groups 1000] [--targets 10] [--renders 50] [--checks 5]}
 */
public final class RenderScenario {
    /** Renders before the measured ones, so that the JIT has compiled the renderer. */
    private static final int WARM_UP = 20;

    private RenderScenario() {}

    public static void main(String[] args) throws Exception {
        int groups = option(args, "--groups", 1000);
        int targets = option(args, "--targets", 10);
        int renders = option(args, "--renders", 50);
        int checks = option(args, "--checks", 5);
        RoutingState state = state(groups, targets);
        Path home = Files.createTempDirectory("steward-render-");
        try (ProxyBackend backend = backend(home)) {
            String config = "";
            for (int i = 0; i < WARM_UP; i++) {
                config = backend.render(state);
            }
            long[] renderNanos = new long[renders];
            for (int i = 0; i < renders; i++) {
                long start = System.nanoTime();
                config = backend.render(state);
                renderNanos[i] = System.nanoTime() - start;
            }
            long[] checkNanos = new long[checks];
            for (int i = 0; i < checks; i++) {
                long start = System.nanoTime();
                backend.verify(state);
                checkNanos[i] = System.nanoTime() - start;
            }
            Samples render = new Samples(renderNanos);
            Samples check = new Samples(checkNanos);
            System.out.println();
            System.out.println(backend.describe() + "; " + Runtime.getRuntime().availableProcessors() + " CPUs; Java "
                    + Runtime.version());
            System.out.println();
            System.out.println("| groups x targets | config bytes | config lines | render median ms | render p90 ms | render max ms"
                    + " | haproxy -c median ms | haproxy -c max ms |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            System.out.println(String.format(Locale.ROOT, "| %d x %d | %d | %d | %.1f | %.1f | %.1f | %.0f | %.0f |", groups, targets,
                    config.getBytes(StandardCharsets.UTF_8).length, config.lines().count(), render.millis(50), render.millis(90),
                    render.millis(100), check.millis(50), check.millis(100)));
        } finally {
            delete(home);
        }
    }

    /** Groups {@code g0000}.. on prefixes {@code /g0000}.., each with its own replicas on private addresses. */
    private static RoutingState state(int groups, int targets) {
        List<TargetGroup> all = new ArrayList<>(groups);
        for (int group = 0; group < groups; group++) {
            String name = String.format(Locale.ROOT, "g%04d", group);
            List<Target> replicas = new ArrayList<>(targets);
            for (int target = 0; target < targets; target++) {
                int index = group * targets + target;
                replicas.add(new Target("10." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255),
                        20_000 + target, name + "-r" + target));
            }
            all.add(new TargetGroup(name, "/" + name, replicas));
        }
        return new RoutingState(1, new TargetGroups(all),
                new FallbackTargets(List.of(new Target("10.255.0.1", 20_100, "fallback-1"))));
    }

    private static ProxyBackend backend(Path home) throws IOException {
        ProxyBackendProvider provider = ServiceLoader.load(ProxyBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(candidate -> candidate.name().equals("haproxy"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no haproxy backend on the module path; run through scripts/scenario"));
        Config settings;
        try (InputStream stream = provider.getClass().getModule().getResourceAsStream("reference.conf")) {
            if (stream == null) {
                throw new IllegalStateException("the haproxy plugin has no reference.conf");
            }
            // The defaults, as a fresh install renders them; render and haproxy -c bind nothing.
            settings = ConfigFactory.parseReader(new InputStreamReader(stream, StandardCharsets.UTF_8), ConfigParseOptions.defaults())
                    .resolve()
                    .getConfig("steward.haproxy");
        }
        Path data = Files.createDirectories(home.resolve("data/haproxy"));
        return provider.create(new PluginContext("haproxy", settings, "steward.haproxy", "bench", home, data, TimeSource.system(),
                new PrometheusMetrics()));
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
