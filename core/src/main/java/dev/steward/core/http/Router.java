package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.model.ModelRules;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Finds the route of a request: 404 when no template fits the path, 405 when none takes the method. */
final class Router {
    private final List<Route> routes;

    /** @throws IllegalArgumentException when two routes take the same method on the same path */
    Router(List<Route> routes) {
        this.routes = List.copyOf(requireNonNull(routes, "routes is null"));
        Set<String> seen = new HashSet<>();
        for (Route route : this.routes) {
            if (!seen.add(route.method() + " " + route.path().text())) {
                throw new IllegalArgumentException("two routes answer " + route.method() + " " + route.path().text());
            }
        }
    }

    /** Every route, in the order they are tried. */
    List<Route> routes() {
        return routes;
    }

    /** A route and the path parameters it bound. */
    record Match(Route route, Map<String, String> parameters) {
        Match {
            requireNonNull(route, "route is null");
            parameters = Map.copyOf(requireNonNull(parameters, "parameters is null"));
        }
    }

    /** @throws ApiException 404 or 405 */
    Match match(String method, RequestPath path) {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.path().match(path.segments());
            if (parameters.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route, parameters.get());
                }
                allowed.add(route.method());
            }
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("no endpoint at " + ModelRules.quote(path.text()) + " (see docs/api.md)");
        }
        throw ApiException.methodNotAllowed(method, path.text(), allowed);
    }
}
