package dev.steward.haproxy;

import dev.steward.api.proxy.BackendStatus;
import dev.steward.haproxy.process.RetiringProcess;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the HAProxy facts of a status as status shows them to a user. */
final class StatusDetails {
    private StatusDetails() {}

    static long spawn(BackendStatus status) {
        return (Long) status.details().get("spawn");
    }

    static Optional<String> stderrLog(BackendStatus status) {
        return ((Optional<?>) status.details().get("stderrLog")).map(String.class::cast);
    }

    static List<RetiringProcess> retiring(BackendStatus status) {
        return ((List<?>) status.details().get("retiring")).stream()
                .map(shown -> (Map<?, ?>) shown)
                .map(shown -> new RetiringProcess((Long) shown.get("pid"), (Long) shown.get("revision"),
                        Instant.parse((String) shown.get("since"))))
                .toList();
    }
}
