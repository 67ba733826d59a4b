package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The query string of a request, checked against the names its route accepts. */
final class QueryParameters {
    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * @param rawQuery the query as sent, still percent-encoded; empty for none
     * @throws ApiException 400 naming a parameter that is unknown, repeated or badly encoded
     */
    static QueryParameters parse(String rawQuery, Set<String> accepted) {
        requireNonNull(rawQuery, "rawQuery is null");
        requireNonNull(accepted, "accepted is null");
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return new QueryParameters(values);
        }
        for (String pair : rawQuery.split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (!accepted.contains(name)) {
                throw ApiException.badRequest(name, name + ": unknown query parameter; expected "
                        + (accepted.isEmpty() ? "none" : "one of " + new TreeSet<>(accepted)));
            }
            if (values.putIfAbsent(name, value) != null) {
                throw ApiException.badRequest(name, name + ": query parameter given more than once");
            }
        }
        return new QueryParameters(values);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A parameter that is {@code true} or {@code false}; absent is {@code false}. */
    boolean flag(String name) {
        return get(name).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name, name + ": expected true or false, found " + ModelRules.quote(value));
        }).orElse(false);
    }

    /** The server has already refused a query with a malformed percent escape. */
    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
