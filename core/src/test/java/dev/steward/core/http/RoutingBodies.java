package dev.steward.core.http;

/** Request bodies for the PUT endpoints. */
final class RoutingBodies {
    static final String ONE_GROUP = """
            {"targetGroups": [
              {"name": "app1", "routePrefix": "/app1",
               "targets": [{"host": "127.0.0.1", "port": 20001, "replicaId": "app1-r1"}]}
            ]}
            """;

    static final String ONE_FALLBACK = """
            {"fallbackTargets": [{"host": "127.0.0.1", "port": 20100, "replicaId": "fallback-1"}]}
            """;

    private RoutingBodies() {}
}
