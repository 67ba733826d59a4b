package dev.steward.haproxy.config;

import static java.util.Objects.requireNonNull;

import dev.steward.haproxy.output.AtomicFiles;
import dev.steward.haproxy.settings.RuntimePaths;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The page of every error HAProxy makes itself, with the status each answers with: its own, or one
 * configured status for the gateway errors (502, 503, 504). A replica's own response never gets one.
 */
public final class ErrorPages {
    /** Every status HAProxy generates for a request it cannot serve, with the reason its page gives. */
    static final List<ErrorPage> GENERATED = List.of(
            new ErrorPage(400, "the request is not valid HTTP"),
            new ErrorPage(403, "the request is forbidden"),
            new ErrorPage(408, "the request did not arrive in time"),
            new ErrorPage(500, "the proxy failed to handle the request"),
            new ErrorPage(502, "the replica sent no valid response"),
            ErrorPage.NO_SERVER,
            new ErrorPage(504, "the replica did not answer in time"));

    private static final Set<Integer> GATEWAY_ERRORS = Set.of(502, 503, 504);
    private static final Map<Integer, String> REASON_PHRASES = Map.of(
            500, "Internal Server Error",
            502, "Bad Gateway",
            503, "Service Unavailable",
            504, "Gateway Timeout");

    private ErrorPages() {}

    /**
     * The page answering each generated error.
     *
     * @param gatewayStatus the status 502, 503 and 504 are answered with; empty: each its own
     */
    static List<Answer> answers(OptionalInt gatewayStatus) {
        requireNonNull(gatewayStatus, "gatewayStatus is null");
        return GENERATED.stream()
                .map(page -> new Answer(page.status(), GATEWAY_ERRORS.contains(page.status()) && gatewayStatus.isPresent()
                        ? new ErrorPage(gatewayStatus.getAsInt(), page.reason())
                        : page))
                .toList();
    }

    /** Writes the error files of the pages whose status differs from the error they answer. */
    public static void writeFiles(RuntimePaths paths, OptionalInt gatewayStatus) {
        requireNonNull(paths, "paths is null");
        for (Answer answer : answers(gatewayStatus)) {
            if (!answer.keepsStatus()) {
                AtomicFiles.write(paths.errorPage(answer.error()), errorFile(answer.page()));
            }
        }
    }

    /**
     * A whole HTTP/1.1 response, as HAProxy's {@code errorfile} reads it: the only way to answer an error
     * with another status, since {@code http-error} keeps the status it replaces.
     */
    static String errorFile(ErrorPage page) {
        requireNonNull(page, "page is null");
        String phrase = REASON_PHRASES.get(page.status());
        if (phrase == null) {
            throw new IllegalArgumentException("no error file for status " + page.status());
        }
        String body = page.json();
        return "HTTP/1.1 " + page.status() + " " + phrase + "\r\n"
                + "content-type: application/json\r\n"
                + "cache-control: no-cache\r\n"
                + "content-length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                + "\r\n"
                + body;
    }

    /**
     * The page that answers one error HAProxy generates.
     *
     * @param error the status HAProxy generated
     * @param page what the client gets
     */
    record Answer(int error, ErrorPage page) {
        Answer {
            requireNonNull(page, "page is null");
        }

        boolean keepsStatus() {
            return page.status() == error;
        }
    }
}
