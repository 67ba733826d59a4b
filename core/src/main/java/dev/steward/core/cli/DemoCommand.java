package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.typesafe.config.ConfigFactory;
import dev.steward.api.time.TimeSource;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Bootstrapped;
import dev.steward.core.daemon.StewardModule;
import dev.steward.core.demo.Demo;
import dev.steward.loopback.LoadReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code steward demo}: Steward with its own HAProxy and local demo deployments under churn. The
 * demo is the only broadcast source, and it keeps its state under {@code data/demo} so it never
 * disturbs a real setup's persisted state.
 */
final class DemoCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public int run(CommandLine line) {
        Bootstrapped bootstrapped = Bootstrap.load(line.home(), line.configFile(), line.configRequired(),
                ConfigFactory.parseMap(Map.of(
                        "steward.broadcast-sources", List.of(),
                        "steward.data-dir", line.home().resolve("data").resolve("demo").toString())));
        Injector injector;
        try {
            injector = StewardModule.createInjector(bootstrapped, TimeSource.system());
        } catch (CreationException failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            err.println("steward demo: failed to start: " + cause.getMessage());
            return ExitCode.FAILED;
        }
        Demo demo = new Demo(out, injector, line.duration(), System.console() != null);
        Thread stop = new Thread(demo::requestStop, "steward-demo-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        LoadReport report;
        try {
            report = demo.run();
        } catch (RuntimeException failure) {
            err.println("steward demo: " + failure.getMessage());
            return ExitCode.FAILED;
        }
        out.printf("Done: %d requests, %d errors, %d misroutes.%n", report.requests(), report.errors(), report.misroutes());
        return report.errors() == 0 && report.misroutes() == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
}
