package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.steward.api.proxy.ProxyStop;
import dev.steward.core.config.ApiSettings;
import dev.steward.core.daemon.Bootstrap;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();

    StopCommand(PrintStream out, PrintStream err) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public int run(CommandLine line) {
        ApiSettings api = Bootstrap.load(line.home(), line.configFile(), line.configRequired()).settings().api();
        URI base = URI.create("http://" + reachable(api.host()) + ":" + api.port());
        URI stop = base.resolve("/v1/stop" + line.proxyStop().map(how -> "?proxy=" + how.label()).orElse(""));
        HttpRequest.Builder request = HttpRequest.newBuilder(stop).timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody());
        api.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> answer;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build()) {
            answer = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException refused) {
            err.println("steward: expected a running Steward to answer on " + base + " (steward.api.bind in "
                    + line.configFile() + "), found nothing listening there: is it running with this configuration?");
            return ExitCode.FAILED;
        } catch (IOException problem) {
            err.println("steward: expected an answer from " + stop + ", found: " + problem);
            return ExitCode.FAILED;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return ExitCode.FAILED;
        }
        if (answer.statusCode() != 202) {
            err.println("steward: expected 202 Accepted from POST " + stop + ", found " + answer.statusCode() + ": "
                    + answer.body().strip());
            return ExitCode.FAILED;
        }
        JsonNode stopping;
        try {
            stopping = json.readTree(answer.body());
        } catch (IOException unreadable) {
            err.println("steward: expected a JSON answer from POST " + stop + ", found: " + answer.body().strip());
            return ExitCode.FAILED;
        }
        long pid = stopping.path("pid").asLong();
        boolean keep = ProxyStop.parse(stopping.path("proxy").asText()).orElse(ProxyStop.STOP) == ProxyStop.KEEP;
        String proxy = stopping.has("proxyPid") ? "HAProxy (pid " + stopping.get("proxyPid").asLong() + ")" : "HAProxy";
        out.println("Stopping Steward (pid " + pid + "); " + proxy + (keep
                ? " keeps serving, and the next start of Steward takes it over"
                : " stops once its open requests finish (steward.haproxy.stop-timeout)"));
        return awaitExit(pid, base);
    }

    /** Waits until the process has exited; where its pid is not visible, until its API is gone. */
    private int awaitExit(long pid, URI base) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_EVERY.toNanos();
        while (process.map(ProcessHandle::isAlive).orElseGet(() -> answers(base))) {
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

    private static boolean answers(URI base) {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build()) {
            client.send(HttpRequest.newBuilder(base.resolve("/-/healthz")).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException gone) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The address to call for a bind address: a wildcard bind is reached on loopback. */
    private static String reachable(String host) {
        String address = switch (host) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]" -> "::1";
            default -> host;
        };
        return address.indexOf(':') >= 0 && !address.startsWith("[") ? "[" + address + "]" : address;
    }
}
