package dev.steward.core.http;

import dev.steward.api.proxy.BackendStatus;
import dev.steward.core.engine.EngineStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of {@code GET /v1/status} in the shape of INTERFACES.md, plus {@code degraded}, what
 * keeps failing and since when ({@code failing}), where
 * clients reach the proxy and the facts only the proxy backend knows (HAProxy's spawn counter, stderr
 * file and old processes). JSON {@code null} stands only for a value that does not exist yet:
 * no revision applied, no process running, no error.
 */
final class StatusDocument {
    private StatusDocument() {}

    static Map<String, Object> of(String nodeId, EngineStatus engine, BackendStatus backend) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("node", nodeId);
        tree.put("revision", object("received", engine.receivedRevision(), "applied", engine.appliedRevision().orElse(null)));
        tree.put("applies", object("reload", engine.reloads(), "runtime", engine.runtimeUpdates(), "failed",
                engine.failedApplies()));
        tree.put("broadcasts", object("accepted", engine.accepted(), "rejected", engine.rejected(), "coalesced",
                engine.coalesced()));
        Map<String, Object> haproxy = object("pid", backend.pid().isPresent() ? backend.pid().getAsLong() : null,
                "restarts", backend.restarts(), "detail", backend.detail());
        backend.frontend().ifPresent(frontend -> haproxy.put("frontend", frontend.toString()));
        backend.details().forEach((name, value) -> haproxy.put(name, value instanceof Optional<?> fact ? fact.orElse(null) : value));
        tree.put("haproxy", haproxy);
        tree.put("lastError", engine.lastError().orElse(null));
        tree.put("degraded", engine.degraded());
        tree.put("failing", engine.failing().map(failing -> object("culprits", failing.culprits(), "since",
                failing.since().toString())).orElse(null));
        return tree;
    }

    private static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tree.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return tree;
    }
}
