package dev.steward.core.http;

import static java.util.Objects.requireNonNull;

import dev.steward.api.proxy.BackendStatus;
import dev.steward.core.engine.EngineStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether the proxy serves the newest accepted revision, and if not, why. An applied revision
 * proves nothing once the proxy's process is gone, so a running process is part of it.
 *
 * @param reason what is missing; empty when ready
 */
record Readiness(boolean ready, long revision, String reason) {
    Readiness {
        requireNonNull(reason, "reason is null");
    }

    static Readiness of(EngineStatus engine, BackendStatus backend) {
        requireNonNull(engine, "engine is null");
        requireNonNull(backend, "backend is null");
        long received = engine.receivedRevision();
        if (!engine.converged()) {
            String applied = engine.appliedRevision().map(revision -> revision + " applied").orElse("none applied yet");
            String reason = "revision " + received + " accepted, " + applied
                    + engine.lastError().map(error -> "; the last apply failed: " + error).orElse("");
            return new Readiness(false, received, reason);
        }
        if (backend.pid().isEmpty()) {
            return new Readiness(false, received, "revision " + received + " applied, but the proxy is not running: "
                    + backend.detail());
        }
        return new Readiness(true, received, "");
    }

    Map<String, Object> toJson() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("ready", ready);
        tree.put("revision", revision);
        if (!ready) {
            tree.put("reason", reason);
        }
        return tree;
    }
}
