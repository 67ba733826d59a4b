package dev.steward.core.cli;

import static java.util.Objects.requireNonNull;

import dev.steward.core.config.ApiSettings;
import dev.steward.core.daemon.Bootstrap;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The HTTP API of the Steward that runs with a configuration, reached as that configuration says:
 * {@code steward.api.bind} (a wildcard bind on loopback) and {@code steward.api.token}. What the client
 * commands ({@code stop}, {@code status}) share.
 */
final class DaemonApi implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final Optional<String> token;
    private final Path configFile;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    private DaemonApi(URI base, Optional<String> token, Path configFile) {
        this.base = base;
        this.token = token;
        this.configFile = configFile;
    }

    /** @throws dev.steward.api.config.InvalidConfigException when the configuration cannot be read */
    static DaemonApi of(CommandLine line) {
        requireNonNull(line, "line is null");
        ApiSettings api = Bootstrap.load(line.home(), line.configFile(), line.configRequired()).settings().api();
        return new DaemonApi(URI.create("http://" + reachable(api.host()) + ":" + api.port()), api.token(), line.configFile());
    }

    URI base() {
        return base;
    }

    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /**
     * One request, with the token when one is configured.
     *
     * @throws DaemonCallException when nothing answers, naming where it was expected and why
     */
    HttpResponse<String> send(String method, String pathAndQuery) {
        URI uri = uri(pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody());
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException refused) {
            throw new DaemonCallException("expected a running Steward to answer on " + base + " (steward.api.bind in "
                    + configFile + "), found nothing listening there: is it running with this configuration?");
        } catch (IOException problem) {
            throw new DaemonCallException("expected an answer from " + uri + ", found: " + problem);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new DaemonCallException("interrupted while waiting for " + uri);
        }
    }

    /** A body from a path that answers 200; the token's absence or mismatch is named as such. */
    String get(String path) {
        HttpResponse<String> answer = send("GET", path);
        if (answer.statusCode() == 401) {
            throw new DaemonCallException("GET " + uri(path) + " was refused (401): the running Steward wants a token, and "
                    + (token.isPresent() ? "steward.api.token in " + configFile + " is not it"
                            : "none is set in " + configFile + " (steward.api.token or STEWARD_API_TOKEN)"));
        }
        if (answer.statusCode() != 200) {
            throw new DaemonCallException("expected 200 from GET " + uri(path) + ", found " + answer.statusCode() + ": "
                    + answer.body().strip());
        }
        return answer.body();
    }

    /** Whether anything answers on the API at all, token or not. */
    boolean answers() {
        try {
            send("GET", "/-/healthz");
            return true;
        } catch (DaemonCallException gone) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
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
