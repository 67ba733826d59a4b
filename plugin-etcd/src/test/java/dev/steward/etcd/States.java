package dev.steward.etcd;

import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.RoutingDocument;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import java.util.List;

/** Small routing states for tests. */
final class States {
    private States() {}

    /** Group {@code app} on {@code /app} with one target on {@code port}, replica id {@code id}. */
    static RoutingDocument app(int port, String id) {
        return new RoutingDocument(new TargetGroups(List.of(new TargetGroup("app", "/app",
                List.of(new Target("127.0.0.1", port, id))))), FallbackTargets.NONE);
    }
}
