package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.proxy.ProxyStop;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code steward stop [--keep-haproxy | --stop-haproxy]}: asks the Steward running with this configuration
 * to stop, over its HTTP API ({@code POST /v1/stop}), and waits until its process has exited, saying how
 * far it got. {@code --keep-haproxy} leaves HAProxy serving for the next Steward to take over (an upgrade);
 * without either option HAProxy goes as {@code steward.haproxy.on-stop} says.
 */
final class StopCommand implements Command {
    /** Past the longest stop-timeout anyone sets for the proxy's open requests, with room. */
    private static final Duration EXIT_DEADLINE = Duration.ofMinutes(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final Duration POLL = Duration.ofMillis(50);

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();

    StopCommand(PrintStream out, PrintStream err) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public int run(CommandLine line) {
        try (DaemonApi api = DaemonApi.of(line)) {
            return stop(api, line);
        } catch (DaemonCallException failed) {
            err.println("steward: " + failed.getMessage());
            return ExitCode.FAILED;
        }
    }

    private int stop(DaemonApi api, CommandLine line) {
        String stop = "/v1/stop" + line.proxyStop().map(how -> "?proxy=" + how.label()).orElse("");
        HttpResponse<String> answer = api.send("POST", stop);
        if (answer.statusCode() != 202) {
            err.println("steward: expected 202 Accepted from POST " + api.uri(stop) + ", found " + answer.statusCode() + ": "
                    + answer.body().strip());
            return ExitCode.FAILED;
        }
        JsonNode stopping;
        try {
            stopping = json.readTree(answer.body());
        } catch (IOException unreadable) {
            err.println("steward: expected a JSON answer from POST " + api.uri(stop) + ", found: " + answer.body().strip());
            return ExitCode.FAILED;
        }
        long pid = stopping.path("pid").asLong();
        boolean keep = ProxyStop.parse(stopping.path("proxy").asText()).orElse(ProxyStop.STOP) == ProxyStop.KEEP;
        String proxy = stopping.has("proxyPid") ? "HAProxy (pid " + stopping.get("proxyPid").asLong() + ")" : "HAProxy";
        out.println("Stopping Steward (pid " + pid + "); " + proxy + (keep
                ? " keeps serving, and the next start of Steward takes it over"
                : " stops once its open requests finish (steward.haproxy.stop-timeout)"));
        return awaitExit(pid, api);
    }

    /** Waits until the process has exited; where its pid is not visible, until its API is gone. */
    private int awaitExit(long pid, DaemonApi api) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        while (process.map(ProcessHandle::isAlive).orElseGet(api::answers)) {
            long now = System.nanoTime();
            if (now - start > EXIT_DEADLINE.toNanos()) {
                err.println("steward: expected Steward (pid " + pid + ") to exit within " + EXIT_DEADLINE.toSeconds()
                        + " s, found it still running; its log (data/logs/steward.log) says what it waits for");
                return ExitCode.FAILED;
            }
            if (now - nextProgress >= 0) {
                out.println("  still stopping after " + Duration.ofNanos(now - start).toSeconds() + " s ...");
                nextProgress = now + PROGRESS_EVERY.toNanos();
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return ExitCode.FAILED;
            }
        }
        out.println("Steward stopped after " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms.");
        return ExitCode.OK;
    }
}
