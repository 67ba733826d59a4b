package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.api.time.TimeSource;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Bootstrapped;
import dev.steward.core.daemon.Daemon;
import dev.steward.core.daemon.DaemonHandle;
import dev.steward.core.daemon.WiringException;
import dev.steward.core.lifecycle.LifeCycle;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code steward run}: the daemon in the foreground, until a signal stops it. */
final class RunCommand implements Command {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private final PrintStream err;

    RunCommand(PrintStream err) {
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public int run(CommandLine line) {
        Bootstrapped bootstrapped = Bootstrap.load(line.home(), line.configFile(), line.configRequired());
        Daemon daemon;
        try {
            daemon = DaemonHandle.create(bootstrapped, TimeSource.system()).daemon();
        } catch (WiringException failure) {
            LOG.error("Steward failed to start", failure.getCause());
            err.println("steward: failed to start: " + failure.getMessage());
            return ExitCode.FAILED;
        }
        Thread shutdown = new Thread(daemon::stop, "steward-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            daemon.start();
        } catch (RuntimeException failure) {
            LOG.error("Steward failed to start", failure);
            err.println("steward: failed to start: " + failure.getMessage());
            return ExitCode.FAILED;
        }
        LOG.info("Steward {} running as node {} (config {})", Version.current(), bootstrapped.settings().nodeId(),
                bootstrapped.config().file().map(Object::toString).orElse("defaults"));
        try {
            daemon.awaitStop();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            List<LifeCycle.StopFailure> failures = daemon.stop();
            return failures.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
        }
        return ExitCode.OK;
    }
}
