package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import com.typesafe.config.ConfigFactory;
import dev.steward.api.time.TimeSource;
import dev.steward.core.daemon.Bootstrap;
import dev.steward.core.daemon.Bootstrapped;
import dev.steward.core.daemon.DaemonHandle;
import dev.steward.core.daemon.WiringException;
import dev.steward.core.demo.Demo;
import dev.steward.core.demo.StatusLine;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code steward demo}: Steward with its own HAProxy and local demo deployments under churn. The
 * demo is the only broadcast source, and it keeps its state under {@code data/demo} so it never
 * disturbs a real setup's persisted state. The terminal is the status line's: the launcher sends the
 * demo's log to a file ({@value #LOG_DIRECTORY} names its folder).
 */
final class DemoCommand implements Command {
    /** The folder of the demo's log files, as the launcher sets it; unset, the log goes where logback's configuration says. */
    static final String LOG_DIRECTORY = "steward.log.dir";
    private static final int DEFAULT_COLUMNS = 80;

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
        DaemonHandle daemon;
        try {
            daemon = DaemonHandle.create(bootstrapped, TimeSource.system());
        } catch (WiringException failure) {
            err.println("steward demo: failed to start: " + failure.getMessage() + seeTheLog());
            return ExitCode.FAILED;
        }
        Demo demo = new Demo(out, daemon, line.duration(), statusLine(), logFile());
        Thread stop = new Thread(demo::requestStop, "steward-demo-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return demo.run() ? ExitCode.OK : ExitCode.FAILED;
        } catch (RuntimeException failure) {
            err.println("steward demo: " + failure.getMessage() + seeTheLog());
            return ExitCode.FAILED;
        }
    }

    /**
     * Redrawn in place only where it can be: printed to this process's own terminal, which is not a
     * dumb one; everywhere else, plain lines.
     */
    private StatusLine statusLine() {
        Console console = System.console();
        String term = System.getenv().getOrDefault("TERM", "");
        boolean terminal = out == System.out && console != null && console.isTerminal() && !term.isBlank()
                && !term.equals("dumb");
        return terminal ? StatusLine.inPlace(out, columns()) : StatusLine.plain(out, System::nanoTime);
    }

    /** The terminal's width where the shell exports it ({@code COLUMNS}), else the classic 80. */
    private static int columns() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "").strip());
            return columns >= 2 ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException unset) {
            return DEFAULT_COLUMNS;
        }
    }

    private static String seeTheLog() {
        return logFile().map(log -> " (more in " + log + ")").orElse("");
    }

    private static Optional<Path> logFile() {
        return Optional.ofNullable(System.getProperty(LOG_DIRECTORY)).map(directory -> Path.of(directory, "steward.log"));
    }
}
