package dev.steward.core.testing;

import dev.steward.api.model.FallbackTargets;
import dev.steward.api.model.Target;
import dev.steward.api.model.TargetGroup;
import dev.steward.api.model.TargetGroups;
import java.util.List;

/** Small routing states for tests. */
public final class Routing {
    private Routing() {}

    /** One group {@code app} on {@code /app} with one target on {@code port}. */
    public static TargetGroups oneGroup(int port) {
        return new TargetGroups(List.of(new TargetGroup("app", "/app", List.of(new Target("127.0.0.1", port, "r" + port)))));
    }

    public static FallbackTargets fallback(int port) {
        return new FallbackTargets(List.of(new Target("127.0.0.1", port, "f" + port)));
    }
}
