package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code steward status}: the running Steward of this configuration on one screen, for a person: what it
 * received and serves, how its applies went, HAProxy's processes, the routes and the ports. Exit 0 when
 * it is not degraded, 1 when it is or cannot be asked.
 */
final class StatusCommand implements Command {
    private final PrintStream out;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();

    StatusCommand(PrintStream out, PrintStream err) {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
    }

    @Override
    public int run(CommandLine line) {
        try (DaemonApi api = DaemonApi.of(line)) {
            JsonNode status = read(api, "/v1/status");
            JsonNode state = read(api, "/v1/state");
            PortCounts ports = PortCounts.parse(api.get("/metrics"));
            StatusReport.of(api.base(), status, state, ports).forEach(out::println);
            return status.path("degraded").asBoolean() ? ExitCode.FAILED : ExitCode.OK;
        } catch (DaemonCallException failed) {
            err.println("steward: " + failed.getMessage());
            return ExitCode.FAILED;
        }
    }

    private JsonNode read(DaemonApi api, String path) {
        String body = api.get(path);
        try {
            return json.readTree(body);
        } catch (IOException unreadable) {
            throw new DaemonCallException("expected JSON from GET " + api.uri(path) + ", found: " + body.strip());
        }
    }
}
