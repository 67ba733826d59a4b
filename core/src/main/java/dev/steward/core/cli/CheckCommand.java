package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ApplyException;
import dev.steward.api.ConfigProblem;
import dev.steward.api.InvalidConfigException;
import dev.steward.api.ProxyBackend;
import dev.steward.api.TimeSource;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingState;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Bootstrapped;
import dev.steward.core.daemon.PluginAssembly;
import dev.steward.core.daemon.Plugins;
import dev.steward.core.metrics.PrometheusMetrics;
import dev.steward.core.plugin.PluginProblem;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code steward check}: validates the configuration and the plugins, renders the proxy
 * configuration for the configured state and has the proxy check it, without touching a running
 * proxy. Lists every problem; exit 0 when there is none, 1 otherwise.
 */
final class CheckCommand implements Command {
    private final PrintStream out;

    CheckCommand(PrintStream out) {
        this.out = requireNonNull(out, "out is null");
    }

    @Override
    public int run(CommandLine line) {
        List<String> problems = new ArrayList<>();
        Bootstrapped bootstrapped;
        try {
            bootstrapped = Bootstrap.load(line.home(), line.configFile(), line.configRequired());
        } catch (InvalidConfigException invalid) {
            invalid.problems().stream().map(ConfigProblem::toString).forEach(problems::add);
            return report(problems);
        }
        out.println("configuration: " + bootstrapped.config().file().map(Path::toString).orElse("defaults only (no "
                + line.configFile() + ")"));
        for (PluginProblem problem : bootstrapped.catalog().problems()) {
            problems.add("plugin " + problem);
        }
        out.println("plugins: " + bootstrapped.catalog().plugins().size() + " found, "
                + bootstrapped.catalog().problems().size() + " skipped");
        Plugins plugins;
        try {
            plugins = new PluginAssembly(bootstrapped, TimeSource.system(), new PrometheusMetrics()).create();
        } catch (InvalidConfigException invalid) {
            invalid.problems().stream().map(ConfigProblem::toString).forEach(problems::add);
            return report(problems);
        }
        try (ProxyBackend backend = plugins.backend()) {
            out.println("proxy: " + backend.describe());
            Optional<RoutingState> state = state(bootstrapped, line, problems);
            state.ifPresent(routing -> {
                try {
                    backend.verify(routing);
                    out.println("rendered configuration: accepted by the proxy (" + routing.targetGroups().groups().size()
                            + " groups, " + routing.fallbackTargets().targets().size() + " fallback targets)");
                } catch (ApplyException rejected) {
                    problems.add("the proxy rejects the rendered configuration: " + rejected.getMessage());
                }
            });
        } catch (ApplyException unusable) {
            problems.add("proxy backend: " + unusable.getMessage());
        } finally {
            plugins.portPolicy().close();
            plugins.sources().forEach(source -> source.source().close());
        }
        return report(problems);
    }

    private Optional<RoutingState> state(Bootstrapped bootstrapped, CommandLine line, List<String> problems) {
        Optional<Path> file = ConfiguredState.file(bootstrapped, line.state());
        if (file.isEmpty()) {
            out.println("routing state: none configured (no file source); checking the empty state");
            return Optional.of(RoutingState.EMPTY);
        }
        try {
            RoutingState state = ConfiguredState.read(file.get(), line.home());
            out.println("routing state: " + file.get());
            return Optional.of(state);
        } catch (InvalidBroadcastException invalid) {
            problems.add("routing state: " + invalid.getMessage());
        } catch (UncheckedIOException unreadable) {
            problems.add("routing state: " + unreadable.getMessage() + ": " + unreadable.getCause().getMessage());
        }
        return Optional.empty();
    }

    private int report(List<String> problems) {
        if (problems.isEmpty()) {
            out.println("OK: no problem found");
            return ExitCode.OK;
        }
        out.println(problems.size() + " problem(s):");
        problems.forEach(problem -> out.println("  " + problem));
        return ExitCode.FAILED;
    }
}
