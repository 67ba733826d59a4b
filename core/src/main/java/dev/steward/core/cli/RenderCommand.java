package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.api.ProxyBackend;
import dev.steward.api.model.InvalidBroadcastException;
import dev.steward.api.model.RoutingState;
import dev.steward.api.time.TimeSource;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Bootstrapped;
import dev.steward.core.daemon.PluginAssembly;
import dev.steward.core.metrics.PrometheusMetrics;
import java.io.PrintStream;

/** {@code steward render}: prints the proxy configuration a routing state produces. */
final class RenderCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    RenderCommand(PrintStream out, PrintStream err) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public int run(CommandLine line) {
        Bootstrapped bootstrapped = Bootstrap.load(line.home(), line.configFile(), line.configRequired());
        RoutingState state;
        try {
            state = ConfiguredState.file(bootstrapped, line.state())
                    .map(file -> ConfiguredState.read(file, line.home()))
                    .orElse(RoutingState.EMPTY);
        } catch (InvalidBroadcastException invalid) {
            err.println("steward: the routing state is invalid: " + invalid.getMessage());
            return ExitCode.FAILED;
        }
        try (ProxyBackend backend = new PluginAssembly(bootstrapped, TimeSource.system(), new PrometheusMetrics())
                .createBackend()) {
            out.print(backend.render(state));
        }
        return ExitCode.OK;
    }
}
