package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import java.util.Map;

/** One request, routed: its path parameters, its checked query, and its body on demand. */
public final class ApiRequest {
    private final HttpExchange exchange;
    private final Map<String, String> pathParameters;
    private final QueryParameters query;
    private final long maxBody;

    ApiRequest(HttpExchange exchange, Map<String, String> pathParameters, QueryParameters query, long maxBody) {
        this.exchange = requireNonNull(exchange, "exchange is null");
        this.pathParameters = Map.copyOf(requireNonNull(pathParameters, "pathParameters is null"));
        this.query = requireNonNull(query, "query is null");
        this.maxBody = maxBody;
    }

    /** A parameter of the route's template, as sent (decoded, not yet checked). */
    public String pathParameter(String name) {
        String value = pathParameters.get(name);
        if (value == null) {
            throw new IllegalStateException("the route has no path parameter " + name);
        }
        return value;
    }

    QueryParameters query() {
        return query;
    }

    /**
     * The body as a plain tree of one JSON object.
     *
     * @throws ApiException 400, 413 or 415
     */
    public Map<?, ?> jsonObject() {
        return Json.readObject(RequestBody.readJson(exchange, maxBody));
    }
}
