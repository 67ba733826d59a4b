package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.api.config.ConfigProblem;
import dev.steward.api.config.InvalidConfigException;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingState;
import dev.steward.api.proxy.ApplyException;
import dev.steward.api.time.TimeSource;
import dev.steward.core.config.StewardSettings;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Bootstrapped;
import dev.steward.core.daemon.PluginAssembly;
import dev.steward.core.daemon.Plugins;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.plugin.PluginKind;
import dev.steward.core.plugin.PluginProblem;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code steward check}: a readable report of the configuration (what differs from the defaults, and
 * from where), the plugins, the proxy, and the rendered configuration as the proxy itself checks it,
 * without touching a running proxy. Every problem is listed with what to do; exit 0 when there is
 * none, 1 otherwise.
 */
final class CheckCommand implements Command {
    private final PrintStream out;

    CheckCommand(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public int run(CommandLine line) {
        List<Problem> problems = new ArrayList<>();
        out.println("Steward " + Version.current() + " check of " + line.configFile());
        Bootstrapped bootstrapped;
        try {
            bootstrapped = Bootstrap.load(line.home(), line.configFile(), line.configRequired());
        } catch (InvalidConfigException invalid) {
            configProblems(invalid, problems);
            return report(problems);
        }
        section("Configuration");
        out.println("  file: " + bootstrapped.config().file().map(Path::toString)
                .orElse("none (" + line.configFile() + " does not exist): defaults only"));
        List<String> changed = ChangedSettings.describe(bootstrapped.config());
        out.println(changed.isEmpty() ? "  every setting has its default" : "  settings that differ from their defaults:");
        changed.forEach(setting -> out.println("    " + setting));

        section("Plugins");
        StewardSettings settings = bootstrapped.settings();
        bootstrapped.catalog().byKindAndName()
                .forEach(row -> out.printf("  %-12s %-17s %-9s %s%n", row.name(), row.kind().label(),
                        inUse(row.name(), row.kind(), settings) ? "in use" : "not used", row.file()));
        for (PluginProblem skipped : bootstrapped.catalog().problems()) {
            problems.add(new Problem("plugin " + skipped, "remove or replace the file; the other plugins still load"));
        }
        Plugins plugins;
        try {
            plugins = new PluginAssembly(bootstrapped, TimeSource.system(), new PrometheusMetrics()).create();
        } catch (InvalidConfigException invalid) {
            configProblems(invalid, problems);
            return report(problems);
        }
        try (ProxyBackend backend = plugins.backend()) {
            section("Proxy");
            backend.describe().lines().forEach(described -> out.println("  " + described));
            state(bootstrapped, line, problems).ifPresent(routing -> verify(backend, routing, problems));
        } catch (ApplyException unusable) {
            problems.add(new Problem("proxy backend: " + unusable.getMessage(),
                    "install HAProxy (apt-get install haproxy) or point steward.haproxy.binary at it"));
        } finally {
            plugins.portPolicy().close();
            plugins.sources().forEach(source -> source.source().close());
        }
        return report(problems);
    }

    private static boolean inUse(String name, PluginKind kind, StewardSettings settings) {
        return switch (kind) {
            case PROXY_BACKEND -> settings.proxyBackend().equals(name);
            case BROADCAST_SOURCE -> settings.broadcastSources().contains(name);
            case PORT_POLICY -> settings.portPolicy().equals(name);
        };
    }

    private void verify(ProxyBackend backend, RoutingState routing, List<Problem> problems) {
        // The proxy's own check of a large configuration takes seconds: say what runs before it does.
        out.println("  rendered configuration: " + backend.render(routing).lines().count() + " lines, being checked by the proxy ...");
        long start = System.nanoTime();
        try {
            backend.verify(routing);
            out.println("  rendered configuration: accepted by the proxy's own check ("
                    + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms)");
        } catch (ApplyException rejected) {
            problems.add(new Problem("the proxy rejects the rendered configuration: " + rejected.getMessage(),
                    "see the proxy's message above; `steward render` prints the configuration it checked"));
        }
    }

    private Optional<RoutingState> state(Bootstrapped bootstrapped, CommandLine line, List<Problem> problems) {
        section("Routing state");
        Optional<Path> file = ConfiguredState.file(bootstrapped, line.state());
        if (file.isEmpty()) {
            out.println("  none configured (no file source and no --state): checking the empty state");
            return Optional.of(RoutingState.EMPTY);
        }
        try {
            RoutingState state = ConfiguredState.read(file.get(), line.home());
            out.println("  " + file.get() + ": " + count(state.targetGroups().groups().size(), "group") + ", "
                    + count(state.fallbackTargets().targets().size(), "fallback target"));
            return Optional.of(state);
        } catch (InvalidBroadcastException invalid) {
            problems.add(new Problem("routing state: " + invalid.getMessage(),
                    "fix that line of the file; a running Steward keeps serving its last good state meanwhile"));
        } catch (UncheckedIOException unreadable) {
            problems.add(new Problem("routing state: " + unreadable.getMessage() + ": " + unreadable.getCause().getMessage(),
                    "create the file, or point steward.sources.file.path at it"));
        }
        return Optional.empty();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void configProblems(InvalidConfigException invalid, List<Problem> problems) {
        for (ConfigProblem problem : invalid.problems()) {
            problems.add(new Problem(problem.toString(), problem.reason().startsWith("unknown key")
                    ? "remove the key or correct its spelling; docs/configuration.md lists every key"
                    : "correct the value; docs/configuration.md gives each key's meaning and default"));
        }
    }

    private void section(String title) {
        out.println();
        out.println(title);
    }

    private int report(List<Problem> problems) {
        out.println();
        if (problems.isEmpty()) {
            out.println("OK: no problem found");
            return ExitCode.OK;
        }
        out.println(problems.size() + " problem(s):");
        for (int i = 0; i < problems.size(); i++) {
            out.println("  " + (i + 1) + ". " + problems.get(i).what());
            out.println("     what to do: " + problems.get(i).whatToDo());
        }
        return ExitCode.FAILED;
    }

    /** One problem and what the user can do about it. */
    private record Problem(String what, String whatToDo) {}
}
