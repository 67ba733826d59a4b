package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request goes through here: its path in canonical form or 400, the token check, then the
 * route, then the endpoint; whatever goes wrong becomes a JSON error answer. Authentication comes
 * before routing, so that an unauthenticated caller learns nothing about which paths exist.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final BearerAuth auth;
    private final Router router;
    private final long maxBody;

    /** The routes it serves, in the order they are tried. */
    List<Route> routes() {
        return router.routes();
    }

    ApiHandler(BearerAuth auth, Router router, long maxBody) {
        this.auth = requireNonNull(auth, "auth is null");
        this.router = requireNonNull(router, "router is null");
        this.maxBody = maxBody;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try (exchange) {
            send(exchange, answer(exchange));
        } catch (IOException | UncheckedIOException clientGone) {
            LOG.debug("{} {}: the connection failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    clientGone.getMessage());
        }
    }

    private ApiResponse answer(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            RequestPath canonical = RequestPath.of(exchange.getRequestURI());
            auth.check(canonical, Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization")));
            Router.Match match = router.match(method, canonical);
            String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            QueryParameters query = QueryParameters.parse(rawQuery, match.route().queryParameters());
            return match.route().endpoint().handle(new ApiRequest(exchange, match.parameters(), query, maxBody));
        } catch (ApiException refused) {
            LOG.debug("{} {}: {} {}", method, path, refused.status(), refused.getMessage());
            return ApiResponse.error(refused);
        } catch (UncheckedIOException clientGone) {
            throw clientGone;
        } catch (RuntimeException bug) {
            LOG.error("{} {} failed", method, path, bug);
            return ApiResponse.error(ApiException.of(HttpStatus.INTERNAL_SERVER_ERROR, "",
                    "internal error: " + bug.getClass().getSimpleName() + ": " + bug.getMessage()));
        }
    }

    private static void send(HttpExchange exchange, ApiResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        response.contentType().ifPresent(type -> headers.set("Content-Type", type));
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
